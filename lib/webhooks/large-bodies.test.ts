import { createHmac } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import type { SessionDb } from '../auth/current'
import { rowsOf } from '../db/client'
import { events } from '../db/schema'
import { createEventWriter } from '../events/writer'
import { getEvent, listEvents } from '../events/queries'
import { konproDefinition } from '../providers/konpro/definition'
import { describeEachDatabase } from '../test/databases'
import { webHandler } from './incoming'
import { PAYLOAD_COPY_MAX_BYTES, receiveDelivery } from './receive'
import { createRateLimiter } from './receiver-state'

const SECRET = 'large-body-secret'

describeEachDatabase('large bodies are stored once', (fresh) => {
  async function setup() {
    const database = await fresh()
    const receive = webHandler((incoming) =>
      receiveDelivery(konproDefinition, incoming, {
        db: database.db,
        writer: createEventWriter(database.db),
        secrets: async () => [
          { endpointId: 'ep_large', url: 'http://x/api/webhooks/konpro', secret: SECRET },
        ],
        limiter: createRateLimiter(1000),
        maxBodyBytes: 1 << 20,
      }),
    )
    const deliver = async (payload: unknown) => {
      const body = JSON.stringify(payload)
      const res = await receive(
        new Request('http://console.test/api/webhooks/konpro', {
          method: 'POST',
          body,
          headers: {
            'content-type': 'application/json',
            signature: createHmac('sha256', SECRET).update(body).digest('hex'),
          },
        }),
      )
      expect(res.status).toBe(200)
      return Number(((await res.json()) as { id: string }).id)
    }
    return { ...database, db: database.db as SessionDb, deliver }
  }

  const payload = (videoId: string, padding: number) => ({
    event_type: 'avatar_video.success',
    event_data: { video_id: videoId, note: 'needle-in-body', padding: 'x'.repeat(padding) },
  })

  it('keeps a large body once: no jsonb copy, yet the field filter, the search and the detail read its payload', async () => {
    const { db, deliver } = await setup()
    const small = await deliver(payload('small-one', 100))
    const large = await deliver(payload('large-one', 256 * 1024))
    const stored = rowsOf<{ id: string; has_payload: boolean; size: number }>(
      await db.execute(
        sql`select id, payload is not null as has_payload, octet_length(body) as size from events order by id`,
      ),
    )
    expect(stored.map((r) => [Number(r.id), r.has_payload])).toEqual([
      [small, true],
      [large, false],
    ])
    expect(stored[1]!.size).toBeGreaterThan(PAYLOAD_COPY_MAX_BYTES)

    const field = async (value: string) =>
      (await listEvents(db, { filters: { field: `event_data.video_id=${value}` } })).events.map(
        (e) => e.id,
      )
    expect(await field('large-one')).toEqual([large])
    expect(await field('small-one')).toEqual([small])
    const found = await listEvents(db, { filters: { q: 'needle-in-body' } })
    expect(found.events.map((e) => e.id).sort()).toEqual([small, large].sort())

    const detail = await getEvent(db, large)
    expect(detail?.payload).toEqual(payload('large-one', 256 * 1024))
    expect(detail?.correlation).toEqual({ video_id: 'large-one' })
  })

  it('derives what the parser keeps from a body jsonb refuses, and never fails the filter', async () => {
    const { db, deliver } = await setup()
    // Valid JSON with a \u0000 escape: JavaScript parses it, jsonb does not; the parser keeps it
    // as U+FFFD, and so does the derived payload.
    const nul = await deliver({ ...payload('nul-one', 20_000), nul: '\u0000' })
    // A lone surrogate: jsonb refuses it outright; that row is simply not matched.
    const lone = await deliver({ ...payload('lone-one', 20_000), lone: '\ud800' })
    const plain = await deliver(payload('plain-one', 20_000))
    const status = await db
      .select({ parseStatus: events.parseStatus })
      .from(events)
      .where(eq(events.id, lone))
    expect(status[0]?.parseStatus).toBe('ok')
    const field = async (filter: string) =>
      (await listEvents(db, { filters: { field: filter } })).events.map((e) => e.id)
    expect(await field('event_data.video_id=plain-one')).toEqual([plain])
    expect(await field('event_data.video_id=nul-one')).toEqual([nul])
    expect(await field('nul=\ufffd')).toEqual([nul])
    expect(await field('event_data.video_id=lone-one')).toEqual([])
  })

  it('compresses bodies with lz4 where the server was built with it', async () => {
    const { db, deliver } = await setup()
    await deliver(payload('lz4-one', 256 * 1024))
    const [server] = rowsOf<{ lz4: boolean }>(
      await db.execute(
        sql`select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`,
      ),
    )
    const [stored] = rowsOf<{ method: string | null }>(
      await db.execute(sql`select pg_column_compression(body) as method from events`),
    )
    expect(stored?.method).toBe(server?.lz4 ? 'lz4' : 'pglz')
  })
})
