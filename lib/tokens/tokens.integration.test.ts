import { beforeAll, describe, expect, it } from 'vitest'
import { callAction, signInCookie } from '../test/actions'
import { hasBuild } from '../test/server'
import { adminEnv, suiteDataDir, suiteServer } from '../test/suite'
import { createTokenVia } from './test-support'

// A personal access token reads the live stream and delivery bodies, and nothing else: no page,
// no other route, no server action. Over real sockets against the production build.
const ADMIN = { email: 'admin@tokens.test', password: 'correct horse battery staple' }

describe.skipIf(!hasBuild())('personal access tokens over HTTP', () => {
  const dir = suiteDataDir('konpro-tokens-')
  const server = suiteServer(() => ({ DATA_DIR: dir(), DATABASE_URL: '', ...adminEnv(ADMIN) }))
  let cookie: string
  let token: string
  let eventId: string
  beforeAll(async () => {
    cookie = await signInCookie(server().url, ADMIN.email, ADMIN.password)
    token = await createTokenVia(server().url, cookie, 'crawl')
    const res = await fetch(`${server().url}/api/webhooks/konpro`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', signature: 'deadbeef' },
      body: JSON.stringify({
        event_type: 'avatar_video.success',
        event_data: { video_id: 'token-video-1' },
      }),
    })
    eventId = ((await res.json()) as { id: string }).id
  })
  const bearer = (t = token) => ({ authorization: `Bearer ${t}` })

  it('reads a delivery as sent (method, headers, body) and its raw body', async () => {
    const detail = await fetch(`${server().url}/api/events/${eventId}`, { headers: bearer() })
    expect(detail.status).toBe(200)
    const { event: json } = (await detail.json()) as {
      event: { method: string; headers: Record<string, string>; bodyBase64: string }
    }
    expect(json.method).toBe('POST')
    expect(json.headers.signature).toBe('deadbeef')
    expect(Buffer.from(json.bodyBase64, 'base64').toString()).toContain('token-video-1')
    const body = await fetch(`${server().url}/api/events/${eventId}/body`, { headers: bearer() })
    expect(body.status).toBe(200)
    expect(await body.text()).toContain('token-video-1')
  })

  it('follows the live stream from a given id, and says where a fresh stream starts', async () => {
    const controller = new AbortController()
    const res = await fetch(`${server().url}/api/events/stream`, {
      headers: { ...bearer(), 'last-event-id': '0' },
      signal: controller.signal,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-stream-after')).toBe('0')
    const reader = res.body!.getReader()
    let text = ''
    while (!text.includes(`id: ${eventId}\n`))
      text += new TextDecoder().decode((await reader.read()).value)
    controller.abort()
    const fresh = await fetch(`${server().url}/api/events/stream`, {
      headers: bearer(),
      signal: AbortSignal.timeout(5_000),
    })
    expect(Number(fresh.headers.get('x-stream-after'))).toBeGreaterThanOrEqual(Number(eventId))
    await fresh.body?.cancel()
    // `since=<ms>` starts before what arrived in that window (the forwarder's --since 1h).
    const hourAgo = await fetch(`${server().url}/api/events/stream?since=3600000`, {
      headers: bearer(),
      signal: AbortSignal.timeout(5_000),
    })
    expect(hourAgo.headers.get('x-stream-after')).toBe('0')
    await hourAgo.body?.cancel()
  })

  it('opens no other route, no page and no server action', async () => {
    for (const p of ['/api/events', '/api/events/export?format=ndjson', '/api/events/histogram']) {
      const res = await fetch(`${server().url}${p}`, { headers: bearer() })
      expect(res.status, p).toBe(401)
    }
    for (const p of ['/events', `/events/${eventId}`, '/settings/tokens', '/konpro/endpoints']) {
      const res = await fetch(`${server().url}${p}`, { headers: bearer(), redirect: 'manual' })
      expect(res.status, p).toBe(307)
      expect(res.headers.get('location'), p).toContain('/login')
    }
    const action = await callAction(
      server().url,
      '/settings/tokens',
      'createAccessTokenAction',
      [{ name: 'from a token' }],
      bearer(),
    )
    expect(action.text).toContain('Your session has ended.')
    expect(action.text).not.toMatch(/kpt_[A-Za-z0-9_-]{43}/)
  })

  it('refuses a revoked token and a made-up one with a 401 that says what to do', async () => {
    const doomed = await createTokenVia(server().url, cookie, 'doomed')
    expect(
      (await fetch(`${server().url}/api/events/${eventId}/body`, { headers: bearer(doomed) }))
        .status,
    ).toBe(200)
    const page = await (
      await fetch(`${server().url}/settings/tokens`, { headers: { cookie } })
    ).text()
    expect(page).toContain('doomed')
    expect(page).not.toContain(doomed)
    const id = /"id":(\d+),"name":"doomed"/.exec(page.replace(/\\"/g, '"'))?.[1]
    expect(id).toBeDefined()
    const revoked = await callAction(
      server().url,
      '/settings/tokens',
      'revokeAccessTokenAction',
      [Number(id)],
      { cookie },
    )
    expect(revoked.text).toContain('"ok":true')
    for (const t of [doomed, `kpt_${'A'.repeat(43)}`]) {
      const res = await fetch(`${server().url}/api/events/${eventId}/body`, { headers: bearer(t) })
      expect(res.status).toBe(401)
      expect(((await res.json()) as { error: string }).error).toContain(
        'Create a new one under Settings',
      )
    }
    // The other token is untouched.
    expect(
      (await fetch(`${server().url}/api/events/${eventId}/body`, { headers: bearer() })).status,
    ).toBe(200)
  })
})
