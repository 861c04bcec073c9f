import { readFileSync } from 'node:fs'

// For integration tests against the production build: sign in as a user and call the console's
// server actions over HTTP, the way its pages do.

export function actionId(name: string) {
  const manifest = JSON.parse(
    readFileSync('.next/server/server-reference-manifest.json', 'utf8'),
  ) as { node: Record<string, { exportedName: string }> }
  const id = Object.entries(manifest.node).find(([, e]) => e.exportedName === name)?.[0]
  if (!id) throw new Error(`no ${name} in the build`)
  return id
}

export async function signInCookie(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { origin: url, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (!res.ok) throw new Error(`sign-in answered ${res.status}`)
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
}

/** Calls a server action of the build the way the browser does; answers the raw RSC text. */
export async function callAction(
  url: string,
  path: string,
  name: string,
  args: unknown[],
  headers: Record<string, string>,
) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      'next-action': actionId(name),
      origin: url,
      'content-type': 'text/plain;charset=UTF-8',
      ...headers,
    },
    body: JSON.stringify(args),
    redirect: 'manual',
  })
  return { status: res.status, text: await res.text() }
}
