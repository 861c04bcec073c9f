import { expect, type APIRequestContext } from '@playwright/test'

/** Signs in through the public sign-in route; the session cookie lands in the caller's context. */
export async function signIn(
  request: APIRequestContext,
  baseURL: string,
  email: string,
  password: string,
) {
  const res = await request.post(`${baseURL}/api/auth/sign-in`, {
    data: { email, password },
    headers: { origin: baseURL },
  })
  expect(res.status(), await res.text()).toBe(200)
}
