import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { readSse } from '../../bin/forward/sse.mjs'
import { openDatabase } from '../db/client'
import { migrate } from '../db/migrate'
import { recordConnectionStates, shownRows, signedInPage } from '../test/browser'
import { deliver, deliverFor } from '../test/deliveries'
import { hasPgbouncer, startPgbouncer } from '../test/pgbouncer'
import { hasBuild, sessionCookie, startServer } from '../test/server'
import { adminEnv, suiteBrowser, suiteScratchDatabase } from '../test/suite'
import { startTcpProxy } from '../test/tcp-proxy'

// As Vercel runs it, as far as one machine allows: the route files under `next start`, two
// instances on one PostgreSQL behind a round-robin balancer, queries through PgBouncer in
// transaction mode (what a pooled Neon URL is), streams ending every 2 s.
const adminUrl = inject('postgresAdminUrl')
const admin = { email: 'ops@vercel-like.test', password: 'two instances behind a balancer' }

/** Reads SSE ids from `url` as they arrive, with the time each came; resumes as EventSource does. */
function readStream(url: string, cookie: string) {
  const seen = new Map<string, number>()
  const controller = new AbortController()
  let lastEventId: string | undefined
  const done = (async () => {
    while (!controller.signal.aborted) {
      try {
        const res = await fetch(`${url}/api/events/stream`, {
          headers: { cookie, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
          signal: controller.signal,
        })
        for await (const { id, event } of readSse(res.body!, {
          idleMs: 60_000,
          onIdle: () => {},
        })) {
          if (id) lastEventId = id
          if (id && event === 'delivery' && !seen.has(id)) seen.set(id, Date.now())
        }
      } catch {
        // aborted, or dropped: go round again unless stopped
      }
    }
  })()
  return { seen, stop: async () => (controller.abort(), await done) }
}

describe.skipIf(!hasBuild() || !adminUrl || !hasPgbouncer())(
  'two instances behind a balancer [postgres, pgbouncer, next start]',
  () => {
    const scratch = suiteScratchDatabase(adminUrl)
    const browser = suiteBrowser()
    let bouncer: Awaited<ReturnType<typeof startPgbouncer>>
    beforeAll(async () => {
      bouncer = await startPgbouncer(adminUrl)
      // A deploy's `npm run db:migrate`, over the direct URL.
      const database = await openDatabase({ url: scratch().url })
      await migrate(database.db)
      await database.close()
    }, 60_000)
    afterAll(async () => {
      await bouncer?.stop()
    })

    async function twoInstances(extra: Record<string, string>) {
      const env = {
        DATABASE_URL: bouncer.pooled(scratch().url),
        AUTH_SECRET: 'v'.repeat(40),
        ...adminEnv(admin),
        STREAM_MAX_SECONDS: '2',
        ...extra,
      }
      const [a, b] = await Promise.all([
        startServer(env, { via: 'next start' }),
        startServer(env, { via: 'next start' }),
      ])
      const proxy = await startTcpProxy([a!, b!])
      return {
        a: a!,
        b: b!,
        proxy,
        stop: async () => {
          await proxy.close()
          await Promise.all([a!.kill('SIGKILL'), b!.kill('SIGKILL')])
        },
      }
    }

    async function crossInstance(a: { url: string }, b: { url: string }) {
      const live = readStream(b.url, await sessionCookie(b.url, admin))
      await new Promise((r) => setTimeout(r, 500))
      const latencies: number[] = []
      for (let i = 0; i < 5; i++) {
        const sent = Date.now()
        const id = await deliver(a.url, `a-to-b-${i}`)
        await expect.poll(() => live.seen.has(id), { timeout: 10_000, interval: 10 }).toBe(true)
        latencies.push(live.seen.get(id)! - sent)
      }
      await live.stop()
      return latencies
    }

    /** Through the balancer, under load, with every stream cut at 2 s: the browser shows every row. */
    async function throughBalancer(proxyUrl: string) {
      const page = await signedInPage(browser(), proxyUrl, admin)
      const states = await recordConnectionStates(page)
      await page.goto(`${proxyUrl}/events`)
      await expect
        .poll(() => page.getByTestId('connection-state').getAttribute('data-state'), {
          timeout: 15_000,
        })
        .toBe('live')
      const before = await shownRows(page)
      const ids = await deliverFor([proxyUrl], { ms: 6_000, senders: 6 })
      await expect.poll(() => shownRows(page), { timeout: 15_000 }).toBe(before + ids.length)
      expect(await states()).toEqual(['connecting', 'live'])
      await page.context().close()
      return ids.length
    }

    it('with LISTEN on DATABASE_URL_UNPOOLED: a delivery to A streams live from B, and cut streams lose nothing', async () => {
      const cluster = await twoInstances({ DATABASE_URL_UNPOOLED: scratch().url })
      try {
        for (const instance of [cluster.a, cluster.b]) {
          expect(await (await fetch(`${instance.url}/api/health`)).json()).toMatchObject({
            ok: true,
            live: 'notify',
          })
        }
        const latencies = await crossInstance(cluster.a, cluster.b)
        console.info(`A -> B with LISTEN, ms: ${latencies.join(', ')}`)
        expect(await throughBalancer(cluster.proxy.url)).toBeGreaterThan(30)
        expect(cluster.proxy.connections.every((n) => n > 0)).toBe(true)
      } finally {
        await cluster.stop()
      }
    }, 120_000)

    it('with only the pooled URL: says it polls, and a delivery to A still reaches B and the browser', async () => {
      const cluster = await twoInstances({})
      try {
        for (const instance of [cluster.a, cluster.b]) {
          const health = (await (await fetch(`${instance.url}/api/health`)).json()) as {
            live: string
            liveReason: string
          }
          expect(health.live).toBe('poll')
          expect(health.liveReason).toMatch(
            /never received its own test NOTIFY.*DATABASE_URL_UNPOOLED/,
          )
        }
        const latencies = await crossInstance(cluster.a, cluster.b)
        console.info(`A -> B polling, ms: ${latencies.join(', ')}`)
        expect(await throughBalancer(cluster.proxy.url)).toBeGreaterThan(30)
      } finally {
        await cluster.stop()
      }
    }, 120_000)
  },
)
