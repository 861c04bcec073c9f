import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import type { SessionDb } from '../auth/current'
import { events } from '../db/schema'
import { listEvents } from '../events/queries'
import { BLOCKED_MESSAGE } from '../net/outbound'
import { describeEachDatabase } from '../test/databases'
import { storedRow, webhookBody } from '../test/event-rows'
import { startHttpServer } from '../test/http-server'
import { eventFiltersSchema, type EventFilters } from '../validations/event-filters'
import { BULK_CONCURRENCY, planBulkReplay, replayBatch } from './bulk'
import { addToTally, emptyTally } from './bulk-summary'
import { listReplayAttempts } from './replay'
import { bulkBatchSchema, bulkReplaySchema } from './schema'

// 127.0.0.2 is opted in the documented way; 127.0.0.1 stays refused as every loopback address is.
vi.hoisted(() => {
  process.env.SANDBOX_ALLOW_HOSTS = '127.0.0.2'
})

let target: Awaited<ReturnType<typeof startHttpServer>>
let inFlight = 0
let mostInFlight = 0
beforeAll(async () => {
  target = await startHttpServer((req, res) => {
    inFlight++
    mostInFlight = Math.max(mostInFlight, inFlight)
    // Slow enough that a run without a bound would have every request open at once.
    setTimeout(() => {
      inFlight--
      res.writeHead(req.url === '/fail' ? 503 : 200).end('ok')
    }, 40)
  }, '127.0.0.2')
})
afterAll(() => target.close())

const run = '3f1c2b8e-5d4a-4e6f-9a7b-1c2d3e4f5a6b'

it('refuses a URL that is not a full http(s) one, and a cap above 1000, before anything runs', () => {
  const bad = bulkReplaySchema.safeParse({
    filters: {},
    url: 'localhost:8080/hook',
    mode: 'original',
    cap: 1001,
  })
  expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
    ['url', 'Enter a full http:// or https:// URL.'],
    ['cap', 'At most 1,000 in one run.'],
  ])
  expect(
    bulkBatchSchema.safeParse({ run, ids: [1], url: 'ftp://x.example/h', mode: 'original' })
      .success,
  ).toBe(false)
  // A batch is at most ten ids: a caller cannot make one call run the whole set.
  expect(
    bulkBatchSchema.safeParse({
      run,
      ids: Array.from({ length: 11 }, (_, i) => i + 1),
      url: 'https://x.example/h',
      mode: 'original',
    }).success,
  ).toBe(false)
  expect(
    bulkReplaySchema.safeParse({
      filters: {},
      url: 'https://x.example/h',
      mode: 'resigned',
      cap: '100',
    }).error?.issues[0]?.path,
  ).toEqual(['endpointId'])
})

it('adds answers up by status class and failures by reason', () => {
  const tally = addToTally(emptyTally(), [
    { id: 1, status: 200, latencyMs: 1 },
    { id: 2, status: 204, latencyMs: 1 },
    { id: 3, status: 503, latencyMs: 1 },
    { id: 4, status: null, error: 'Timed out.' },
    { id: 5, status: null, error: 'Timed out.' },
  ])
  expect(tally).toEqual({
    sent: 3,
    failed: 2,
    byClass: { '2xx': 2, '5xx': 1 },
    failures: [{ reason: 'Timed out.', ids: [4, 5] }],
  })
})

describeEachDatabase('bulk replay', (fresh) => {
  const seed = async (n: number) => {
    const database = await fresh()
    const db = database.db as SessionDb
    const rows = await db
      .insert(events)
      .values(
        Array.from({ length: n }, (_, i) =>
          storedRow({
            json: webhookBody(i % 3 === 0 ? 'avatar_video.fail' : 'avatar_video.success', `v${i}`),
            eventType: i % 3 === 0 ? 'avatar_video.fail' : 'avatar_video.success',
            verdict: i % 2 === 0 ? 'verified' : 'invalid',
            provider: i % 5 === 0 ? 'kayle' : 'konpro',
            receivedAt: new Date(Date.now() - (n - i) * 60_000),
          }),
        ),
      )
      .returning({ id: events.id })
    return { db, ids: rows.map((r) => r.id) }
  }

  it('picks the same deliveries the list shows for the same filter', async () => {
    const { db } = await seed(30)
    const views: EventFilters[] = [
      {},
      { type: 'avatar_video.fail' },
      { verdict: 'invalid', provider: 'konpro' },
      { q: 'v1' },
      { since: '15m' },
      { field: 'event_data.video_id=v7' },
    ].map((raw) => eventFiltersSchema.parse(raw))
    for (const filters of views) {
      const listed = (await listEvents(db, { filters, limit: 500 })).events.map((e) => e.id)
      const plan = await planBulkReplay(db, filters, 1000)
      expect(plan.total, JSON.stringify(filters)).toBe(listed.length)
      expect(plan.ids, JSON.stringify(filters)).toEqual([...listed].sort((a, b) => a - b))
    }
  })

  it('takes the first N of the matches, oldest first, and counts them all', async () => {
    const { db, ids } = await seed(12)
    const plan = await planBulkReplay(db, {}, 5)
    expect(plan).toEqual({ total: 12, ids: ids.slice(0, 5) })
    const invalid = await planBulkReplay(db, eventFiltersSchema.parse({ verdict: 'invalid' }), 2)
    expect(invalid).toEqual({ total: 6, ids: [ids[1], ids[3]] })
  })

  it('records one attempt per delivery of a batch, a few at a time, and reports what it could not send', async () => {
    const { db, ids } = await seed(10)
    const batch = [...ids.slice(0, 9), ids[9]! + 1000]
    const before = target.requests.length
    mostInFlight = 0
    const items = await replayBatch(db, { ids: batch, url: `${target.url}/hook` }, 'a@x.test')
    expect(target.requests.length - before).toBe(9)
    expect(mostInFlight).toBeLessThanOrEqual(BULK_CONCURRENCY)
    expect(mostInFlight).toBeGreaterThan(1)
    expect(items.map((i) => i.id)).toEqual(batch)
    expect(items.at(-1)).toEqual({
      id: ids[9]! + 1000,
      status: null,
      error: 'This delivery is no longer stored.',
    })
    for (const id of ids.slice(0, 9)) {
      const attempts = await listReplayAttempts(db, id)
      expect(attempts).toHaveLength(1)
      expect(attempts[0]).toMatchObject({ status: 200, actorEmail: 'a@x.test', mode: 'original' })
    }
    expect(await listReplayAttempts(db, ids[9]!)).toEqual([])
  })

  it('keeps each answer, errors included, and refuses a private address per delivery before sending', async () => {
    const { db, ids } = await seed(3)
    const before = target.requests.length
    const answered = await replayBatch(db, { ids, url: `${target.url}/fail` }, null)
    expect(answered.map((i) => i.status)).toEqual([503, 503, 503])
    const blocked = await replayBatch(
      db,
      { ids, url: `http://127.0.0.1:${target.port}/hook` },
      null,
    )
    expect(target.requests.length - before).toBe(3)
    expect(blocked.every((i) => i.status === null && i.error === BLOCKED_MESSAGE)).toBe(true)
    expect((await listReplayAttempts(db, ids[0]!)).map((a) => a.status)).toEqual([null, 503])
  })

  it('re-signs only KonPro deliveries, and says so for the others', async () => {
    const { db, ids } = await seed(2)
    const items = await replayBatch(
      db,
      {
        ids,
        url: `${target.url}/hook`,
        secret: { provider: 'konpro', endpointId: 'ep_1', value: 'whsec_x' },
      },
      null,
    )
    // The first seeded row is a Kayle delivery (i % 5 === 0).
    expect(items[0]).toMatchObject({ status: null, error: expect.stringContaining('Only KonPro') })
    expect(items[1]).toMatchObject({ status: 200 })
  })
})
