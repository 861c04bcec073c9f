import { callAction } from '../test/actions'

// For integration tests against the production build: create a personal access token through
// the console's own server action, as the Settings page does.

export async function createTokenVia(url: string, cookie: string, name = 'test'): Promise<string> {
  const { text } = await callAction(
    url,
    '/settings/tokens',
    'createAccessTokenAction',
    [{ name }],
    { cookie },
  )
  const token = /kpt_[A-Za-z0-9_-]{43}/.exec(text)?.[0]
  if (!token) throw new Error(`no token in the answer: ${text.slice(-300)}`)
  return token
}
