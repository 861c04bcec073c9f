import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { readSse } from '../../bin/forward/sse.mjs'
import { createScratchDatabase } from '../test/postgres'
import { hasBuild, sessionCookie, startServer } from '../test/server'

// Two instances on one PostgreSQL: a delivery received by one reaches a live stream on the other.
const adminUrl = inject('postgresAdminUrl')
const admin = { email: 'ops@instances.test', password: 'two instances one database' }

/** Reads SSE frames into `ids` until aborted. */
function readStream(url: string, cookie: string, lastEventId?: string) {
  const ids: string[] = []
  const controller = new AbortController()
  const done = (async () => {
    const res = await fetch(`${url}/api/events/stream`, {
      headers: { cookie, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      signal: controller.signal,
    })
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    try {
      for await (const { id } of readSse(res.body!, { idleMs: 60_000, onIdle: () => {} }))
        if (id && !ids.includes(id)) ids.push(id)
    } catch {
      // aborted
    }
  })()
  return { ids, stop: async () => (controller.abort(), await done) }
}

const deliver = async (url: string, n: number) => {
  const res = await fetch(`${url}/api/webhooks/konpro`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', signature: 'f'.repeat(64) },
    body: JSON.stringify({
      event_type: 'avatar_video.success',
      event_data: { video_id: `multi-${n}` },
    }),
  })
  return ((await res.json()) as { id: string }).id
}

describe.skipIf(!hasBuild() || !adminUrl)('live stream across instances [postgres]', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>
  let servers: Array<Awaited<ReturnType<typeof startServer>>> = []
  beforeAll(async () => {
    scratch = await createScratchDatabase(adminUrl)
    const env = {
      DATABASE_URL: scratch.url,
      AUTH_SECRET: 'x'.repeat(40),
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
    }
    // Started together: both run the migrations, one waits for the other's lock.
    servers = await Promise.all([startServer(env), startServer(env)])
  }, 90_000)
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill('SIGKILL')))
    await scratch?.drop()
  })

  it('shows a delivery received by one instance on the other’s stream, and replays after a gap', async () => {
    const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]]
    const cookie = await sessionCookie(b.url, admin)
    const live = readStream(b.url, cookie)
    await new Promise((r) => setTimeout(r, 500))
    const first = await deliver(a.url, 1)
    await expect.poll(() => live.ids, { timeout: 10_000 }).toContain(first)
    await live.stop()

    // While nobody listens, two more arrive on instance A; resuming on B replays exactly those.
    const missed = [await deliver(a.url, 2), await deliver(a.url, 3)]
    const resumed = readStream(b.url, cookie, first)
    await expect.poll(() => resumed.ids, { timeout: 10_000 }).toEqual(missed)
    await resumed.stop()
  })
})
