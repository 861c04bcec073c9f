import 'server-only'
import { createHash } from 'node:crypto'
import { getTableColumns, sql } from 'drizzle-orm'
import type pg from 'pg'
import type { Db } from '../db/client'
import { events, type NewStoredEvent } from '../db/schema'

const MAX_BATCH = 500
// The driver copies a batch's bodies into one message on the event loop: bounded, so a burst of
// large deliveries cannot hold the loop (and KonPro's OPTIONS check) for the whole copy.
const MAX_BATCH_BYTES = 2 * 1024 * 1024

export interface Written {
  id: number
  duplicateOf: number | null
}

type Row = Omit<NewStoredEvent, 'id' | 'receivedAt' | 'duplicateOf'> & { dedupeKey: string }

interface Pending {
  row: Row
  resolve: (w: Written) => void
  reject: (e: unknown) => void
}

/**
 * Group commit: requests queue their rows, and one INSERT writes everything queued while the
 * previous one ran. Each caller's promise settles only after its row is committed, so the
 * receiver answers 2xx for stored rows only, and throughput grows with concurrency. One batch
 * at a time also keeps copies of one delivery in order, so each sees the one before it. Each
 * INSERT wakes the live streams once: the `events_notify` trigger notifies EVENTS_CHANNEL
 * (./channel.ts) with the batch's newest id. A row's `correlation` holds its provider's ids.
 */
export function createEventWriter(db: Db) {
  const queue: Pending[] = []
  let flushing = false

  async function flush() {
    flushing = true
    try {
      while (queue.length) {
        const batch = queue.splice(0, batchLength(queue))
        try {
          const written = await insertBatch(
            db,
            batch.map((p) => p.row),
          )
          batch.forEach((p, i) => p.resolve(written[i]!))
        } catch (error) {
          if (batch.length === 1 || !refusesRow(error)) batch.forEach((p) => p.reject(error))
          // One row the database (or building the statement) refuses must not fail the others:
          // write them one at a time.
          else
            for (const p of batch)
              await insertBatch(db, [p.row]).then(([w]) => p.resolve(w!), p.reject)
        }
      }
    } finally {
      flushing = false
    }
  }

  return {
    write(row: Row): Promise<Written> {
      return new Promise((resolve, reject) => {
        queue.push({ row, resolve, reject })
        if (!flushing) void flush()
      })
    },
  }
}

/** How many queued rows the next batch takes: at most MAX_BATCH and MAX_BATCH_BYTES, at least one. */
function batchLength(queue: readonly Pending[]): number {
  let bytes = 0
  for (let n = 0; n < Math.min(queue.length, MAX_BATCH); n++) {
    bytes += queue[n]!.row.body.byteLength
    if (bytes > MAX_BATCH_BYTES) return Math.max(1, n)
  }
  return Math.min(queue.length, MAX_BATCH)
}

/**
 * A data or constraint error (SQLSTATE class 22 or 23), or one thrown before the statement was
 * sent (no SQLSTATE, not a connection error: a value that cannot be serialized): a row's fault,
 * not the database's.
 */
function refusesRow(error: unknown): boolean {
  const code =
    (error as { cause?: { code?: unknown }; code?: unknown }).cause?.code ??
    (error as { code?: unknown }).code
  if (typeof code === 'string') return /^2[23]/.test(code)
  return error instanceof RangeError || error instanceof TypeError
}

// Not taken from the row: the id and arrival time are the table's defaults, the body and payload
// travel as one parameter each (below), the duplicate mark is looked up, a test answer comes later.
const NOT_FROM_ROW: readonly string[] = [
  'id',
  'receivedAt',
  'body',
  'payload',
  'duplicateOf',
  'answer',
]

// Every other column of `events`, in the schema's order: a new column is written once it is there.
// One array per column, unnested on the server: the statement has the same shape and the same
// plan for any batch size, where a VALUES list would be planned anew for every batch. A value the
// row leaves out takes the column's default (provider 'konpro', not rejected, no correlation ids).
const COLUMNS = Object.entries(getTableColumns(events))
  .filter(([key]) => !NOT_FROM_ROW.includes(key))
  .map(([key, column]) => {
    const type = column.getSQLType()
    const fallback: unknown = column.default ?? null
    const value = (r: Row) => {
      const v: unknown = r[key as keyof Row] ?? fallback
      return type === 'jsonb' && v !== null ? JSON.stringify(v) : v
    }
    return [column.name, type, value] as const
  })
const NAMES = COLUMNS.map(([name]) => name).join(', ')
const SELECTED = COLUMNS.map(([name, type]) =>
  type === 'jsonb' ? `r.${name}::jsonb` : `r.${name}`,
).join(', ')
const ARRAYS = COLUMNS.map(
  ([, type], i) => `$${i + 1}::${type === 'jsonb' ? 'text' : type}[]`,
).join(', ')
const PAYLOADS = `$${COLUMNS.length + 1}`

/**
 * The statement for `n` rows (see insertBatch). Its text depends on `n` alone, so the database
 * keeps it prepared per connection under a name: parsing and planning it anew for every batch
 * took about a third of the database's time on small deliveries.
 */
function statementFor(n: number): string {
  const bodies = Array.from({ length: n }, (_, i) => `$${COLUMNS.length + 2 + i}::bytea`)
  return `
    with inserted as (
      insert into events (${NAMES}, body, payload, duplicate_of)
      select ${SELECTED},
        r.body,
        nullif(${PAYLOADS}::jsonb -> (r.ord::int - 1), 'null'),
        (select f.event_id from event_first_copies f join events e on e.id = f.event_id
          where f.dedupe_key = r.dedupe_key and f.received_at > now() - interval '24 hours')
      from unnest(${ARRAYS}, array[${bodies.join(', ')}]) with ordinality as r(${NAMES}, body, ord)
      order by r.ord
      returning id, duplicate_of, dedupe_key, received_at
    ), firsts as (
      insert into event_first_copies (dedupe_key, event_id, received_at)
      select distinct on (dedupe_key) dedupe_key, id, received_at from inserted where duplicate_of is null order by dedupe_key, id
      on conflict (dedupe_key) do update set event_id = excluded.event_id, received_at = excluded.received_at
        where event_first_copies.received_at <= now() - interval '24 hours'
          or not exists (select from events e where e.id = event_first_copies.event_id)
    )
    select id, duplicate_of from inserted`
}
const statements = new Map<number, string>()
// Each prepared size costs every connection memory; past this, parsing is shared by enough rows.
const NAMED_UP_TO = 64
// In the name, so two versions of the console sharing a pooler's connections never run each
// other's statement under one name.
const SHAPE = createHash('sha256').update(statementFor(1)).digest('hex').slice(0, 12)

// A transaction pooler that hands each statement to any server connection (PgBouncer before
// 1.21, or with max_prepared_statements = 0) cannot keep a named statement: the first refusal
// turns names off for that pool, and the batch is sent again unnamed (none of it ran).
const UNPREPARABLE = new Set(['26000', '42P05'])
type Pool = { query(config: pg.QueryConfig): Promise<pg.QueryResult> }
const unnamedPools = new WeakSet<Pool>()

async function run(db: Db, n: number, values: unknown[]) {
  const pool = (db as unknown as { $client: Pool }).$client
  let text = statements.get(n)
  if (!text) statements.set(n, (text = statementFor(n)))
  if (n <= NAMED_UP_TO && !unnamedPools.has(pool))
    try {
      return await pool.query({ name: `events_insert_${SHAPE}_${n}`, text, values })
    } catch (error) {
      if (!UNPREPARABLE.has((error as { code?: string }).code ?? '')) throw error
      unnamedPools.add(pool)
    }
  return pool.query({ text, values })
}

/**
 * One statement for the whole batch; each row looks up the first copy of itself (same dedupe
 * key, last 24 hours) by primary key in `event_first_copies` as it is inserted, and a row that
 * is the first becomes that entry: O(log n) however many rows or copies are stored. The large
 * values never travel as array literals the server would have to scan (nor the client build):
 * each body is a parameter of its own, which the driver sends as binary, untouched; the payloads
 * are one JSON array the rows index. Ids follow the unnested order, so sorting the returned rows
 * by id lines them up with `rows`.
 */
export async function insertBatch(db: Db, rows: Row[]): Promise<Written[]> {
  const returned = (
    await run(db, rows.length, [
      ...COLUMNS.map(([, , value]) => rows.map(value)),
      JSON.stringify(rows.map((r) => r.payload ?? null)),
      ...rows.map((r) => Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength)),
    ])
  ).rows as { id: string | number; duplicate_of: string | number | null }[]
  const written = returned
    .map((r): Written => ({
      id: Number(r.id),
      duplicateOf: r.duplicate_of === null ? null : Number(r.duplicate_of),
    }))
    .sort((a, b) => a.id - b.id)

  // The same delivery twice within one batch: the statement could not see its own rows.
  const firstInBatch = new Map<string, number>()
  for (const [i, w] of written.entries()) {
    const key = rows[i]!.dedupeKey
    const first = firstInBatch.get(key)
    if (w.duplicateOf === null && first !== undefined) {
      w.duplicateOf = first
      await db.execute(sql`update events set duplicate_of = ${first} where id = ${w.id}`)
    }
    if (!firstInBatch.has(key)) firstInBatch.set(key, w.duplicateOf ?? w.id)
  }
  return written
}
