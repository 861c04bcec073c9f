import 'server-only'
// Reading deliveries takes a SessionDb: only a session check (lib/auth/current.ts) hands one out.
import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  gt,
  gte,
  inArray,
  lt,
  ne,
  sql,
  type SQL,
} from 'drizzle-orm'
import type { SessionDb } from '../auth/current'
import { rowsOf } from '../db/client'
import { events } from '../db/schema'
import {
  SINCE_WINDOWS,
  listOf,
  parseFieldFilter,
  type EventFilters,
  type HistogramRange,
} from '../validations/event-filters'
import { listedColumns, toDetail, toSummary } from './summary'
import type { EventDetail, EventSummary, Verdict } from './types'

export const DEFAULT_PAGE_SIZE = 50

// The list never reads headers, body or payload (see UNLISTED_COLUMNS in ./types).
const summaryColumns = {
  ...listedColumns,
  // Kayle's own ids (lib/providers/kayle/delivery-ids.ts reads the same paths); CASE keeps KonPro rows from
  // reading their payload at all.
  kayleEventId: sql<
    string | null
  >`case when ${events.provider} = 'kayle' and ${events.payload}->>'type' like 'verification.session.%' then ${events.payload} #>> '{metadata,event_id}' end`,
  kayleSessionId: sql<
    string | null
  >`case when ${events.provider} = 'kayle' and ${events.payload}->>'type' like 'verification.session.%' then coalesce(${events.payload} #>> '{metadata,verification_session_id}', ${events.payload} #>> '{data,verification_session_id}') end`,
  kayleDeliveryId: sql<
    string | null
  >`case when ${events.provider} = 'kayle' then ${events.headers}->>'x-kayle-delivery-id' end`,
}

/** Escapes LIKE wildcards so a search for "50%_off" matches those characters literally. */
export function likePattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

// Invalid UTF-8 cannot go through convert_from (it raises), so those bodies are searched in
// PostgreSQL's escape form; CASE guarantees convert_from never sees them.
function bodyText() {
  return sql`(case when ${events.parseStatus} = 'invalid_utf8' then encode(${events.body}, 'escape') else convert_from(${events.body}, 'UTF8') end)`
}

/**
 * The payload as JSON: the stored jsonb, or, for a large body that is its own payload (stored
 * once, see PAYLOAD_COPY_MAX_BYTES), derived from the body.
 */
function payloadJson() {
  return sql`coalesce(${events.payload}, case when ${events.parseStatus} = 'ok' then body_json(${events.body}) end)`
}

/** The WHERE conditions for a filter set; `withTime: false` leaves the time range to the caller. */
export function filterConditions(filters: EventFilters, { withTime = true } = {}): SQL[] {
  const conditions: SQL[] = []
  const types = listOf(filters.type)
  if (types.length) conditions.push(inArray(events.eventType, types))
  const verdicts = listOf(filters.verdict)
  if (verdicts.length) conditions.push(inArray(events.verdict, verdicts))
  if (filters.provider) conditions.push(eq(events.provider, filters.provider))
  if (filters.endpoint) conditions.push(eq(events.endpointId, filters.endpoint))
  if (filters.status === '2xx')
    conditions.push(and(gte(events.responseStatus, 200), lt(events.responseStatus, 300))!)
  else if (filters.status) conditions.push(eq(events.responseStatus, Number(filters.status)))
  if (filters.rejected) conditions.push(eq(events.rejected, true))
  if (filters.notJson) conditions.push(ne(events.parseStatus, 'ok'))
  const field = filters.field ? parseFieldFilter(filters.field) : null
  // The path is a bound text[] parameter, never spliced into the SQL.
  if (field)
    conditions.push(
      sql`(${payloadJson()} #>> ${`{${field.path.join(',')}}`}::text[]) = ${field.value}`,
    )
  if (withTime && filters.since)
    conditions.push(gte(events.receivedAt, new Date(Date.now() - SINCE_WINDOWS[filters.since])))
  if (withTime && filters.from) conditions.push(gte(events.receivedAt, new Date(filters.from)))
  if (withTime && filters.to) conditions.push(lt(events.receivedAt, new Date(filters.to)))
  if (filters.q) {
    const pattern = likePattern(filters.q)
    conditions.push(
      sql`(${events.payload}::text ilike ${pattern} escape '\\' or ${bodyText()} ilike ${pattern} escape '\\')`,
    )
  }
  return conditions
}

/**
 * One page of the log, newest first. Keyset on id (monotonic, also the SSE cursor): `before`
 * continues below the last id shown, so pages stay fast and stable while rows arrive.
 */
export async function listEvents(
  db: SessionDb,
  {
    filters = {},
    before,
    limit = DEFAULT_PAGE_SIZE,
  }: { filters?: EventFilters; before?: number; limit?: number },
): Promise<{ events: EventSummary[]; nextCursor: number | null }> {
  const conditions = filterConditions(filters)
  if (before !== undefined) conditions.push(lt(events.id, before))
  const rows = await db
    .select(summaryColumns)
    .from(events)
    .where(and(...conditions))
    .orderBy(desc(events.id))
    .limit(limit + 1)
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return { events: page.map(toSummary), nextCursor: rows.length > limit && last ? last.id : null }
}

/** Rows newer than `after`, oldest first: the polling fallback and the catch-up after a gap. */
export async function listEventsAfter(
  db: SessionDb,
  { after, filters = {}, limit = 200 }: { after: number; filters?: EventFilters; limit?: number },
): Promise<EventSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(events)
    .where(and(gt(events.id, after), ...filterConditions(filters)))
    .orderBy(asc(events.id))
    .limit(limit)
  return rows.map(toSummary)
}

/** The rows among `ids` that exist (the live reader's late commits), ascending. */
export async function listEventsByIds(db: SessionDb, ids: number[]): Promise<EventSummary[]> {
  if (!ids.length) return []
  const rows = await db
    .select(summaryColumns)
    .from(events)
    .where(sql`${events.id} = any(${sql.param(ids)}::bigint[])`)
    .orderBy(asc(events.id))
  return rows.map(toSummary)
}

/**
 * One delivery whole. A KonPro body that parsed is its payload: it is parsed again here and the
 * stored copy stays in the database, since turning a hostile megabyte of jsonb back into text
 * costs PostgreSQL (and PGlite's memory) far more. It also keeps the sender's key order (jsonb
 * sorts keys by length). A Kayle body is a JWE: its decrypted payload is the stored one.
 */
export async function getEvent(db: SessionDb, id: number): Promise<EventDetail | null> {
  const payload = sql<unknown>`case when ${events.provider} = 'kayle' or ${events.parseStatus} <> 'ok' then ${events.payload} end`
  const [row] = await db
    .select({ ...getTableColumns(events), payload })
    .from(events)
    .where(eq(events.id, id))
    .limit(1)
  if (!row) return null
  const detail = toDetail(row)
  if (detail.payload === null && row.parseStatus === 'ok' && detail.bodyText !== null) {
    try {
      detail.payload = JSON.parse(detail.bodyText) as unknown
    } catch {
      // Stored as parsed, so this does not happen; the page then shows the raw body only.
    }
  }
  return detail
}

/** One delivery's raw body, exactly as received. */
export async function getEventBody(db: SessionDb, id: number): Promise<Uint8Array | null> {
  const [row] = await db
    .select({ body: events.body })
    .from(events)
    .where(eq(events.id, id))
    .limit(1)
  return row?.body ?? null
}

/** Highest id stored, or 0: where a fresh live view starts listening. */
export async function latestEventId(db: SessionDb): Promise<number> {
  const [row] = await db.select({ id: sql<number | null>`max(${events.id})` }).from(events)
  return Number(row?.id ?? 0)
}

export async function countEvents(db: SessionDb, filters: EventFilters = {}): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(events)
    .where(and(...filterConditions(filters)))
  return Number(row?.n ?? 0)
}

/** Removes the deliveries a filter shows (every stored one without filters); answers how many went. */
export async function clearEvents(db: SessionDb, filters: EventFilters = {}): Promise<number> {
  const deleted = await db
    .delete(events)
    .where(and(...filterConditions(filters)))
    .returning({ id: events.id })
  return deleted.length
}

// ---- per endpoint ------------------------------------------------------------------------

/** What the receiver got for one endpoint: deliveries verified with its secret, and its answers. */
export interface EndpointReceipts {
  total: number
  /** The receiver's answers, by response status, lowest first. */
  answers: { status: number; count: number }[]
  /** Of `total`, the ones the receiver answered 2xx. */
  succeeded: number
  recent: { id: number; receivedAt: string; eventType: string | null; responseStatus: number }[]
}

/**
 * The receiver's own view of one endpoint: the deliveries that verified with its secret, counted
 * by the answer the receiver gave, and the latest few. The receiver records no handling time, so
 * there is no latency to report here.
 */
export async function endpointReceipts(
  db: SessionDb,
  endpointId: string,
  { recent = 5 }: { recent?: number } = {},
): Promise<EndpointReceipts> {
  const mine = eq(events.endpointId, endpointId)
  const [answers, latest] = await Promise.all([
    db
      .select({ status: events.responseStatus, count: count() })
      .from(events)
      .where(mine)
      .groupBy(events.responseStatus)
      .orderBy(asc(events.responseStatus)),
    db
      .select({
        id: events.id,
        receivedAt: events.receivedAt,
        eventType: events.eventType,
        responseStatus: events.responseStatus,
      })
      .from(events)
      .where(mine)
      .orderBy(desc(events.id))
      .limit(recent),
  ])
  const counted = answers.map((a) => ({ status: a.status, count: Number(a.count) }))
  return {
    total: counted.reduce((n, a) => n + a.count, 0),
    answers: counted,
    succeeded: counted
      .filter((a) => a.status >= 200 && a.status < 300)
      .reduce((n, a) => n + a.count, 0),
    recent: latest.map((r) => ({ ...r, receivedAt: new Date(r.receivedAt).toISOString() })),
  }
}

// ---- histogram ---------------------------------------------------------------------------

const MINUTE = 60_000
const RANGES: Record<Exclude<HistogramRange, 'all'>, { bucketMs: number; buckets: number }> = {
  quarter: { bucketMs: MINUTE, buckets: 15 },
  hour: { bucketMs: 2 * 60_000, buckets: 30 },
  day: { bucketMs: 60 * 60_000, buckets: 24 },
  week: { bucketMs: 6 * 60 * 60_000, buckets: 28 },
}

export interface HistogramBucket {
  start: string
  end: string
  counts: Record<Verdict, number>
  total: number
}

const zeroCounts = (): Record<Verdict, number> => ({
  verified: 0,
  invalid: 0,
  unsigned: 0,
  no_secret: 0,
})

// Bucket widths a person reads at a glance, for the all-time chart.
const ALL_TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080, 20160]
  .map((m) => m * MINUTE)
  .concat([30, 90, 365].map((d) => d * 1440 * MINUTE))
const ALL_TIME_BUCKETS = 24

/**
 * All time: as many buckets as a day has, each as wide as needed (from a set of round widths) to
 * reach back to the oldest delivery the filters keep, so no stored delivery the list shows is
 * left out of the chart. An empty log gets the last day's hours.
 */
async function allTimeBuckets(db: SessionDb, filters: EventFilters, now: Date) {
  const [row] = await db
    .select({ oldest: sql<string | Date | null>`min(${events.receivedAt})` })
    .from(events)
    .where(and(...filterConditions(filters, { withTime: false })))
  const oldest = row?.oldest ? new Date(row.oldest).getTime() : now.getTime()
  // The last bucket ends past now, so the first starts up to one width after now - (n - 1) widths.
  const reach = Math.max(0, now.getTime() - oldest)
  const bucketMs =
    ALL_TIME_STEPS.find((step) => step * (ALL_TIME_BUCKETS - 1) >= reach) ?? ALL_TIME_STEPS.at(-1)!
  return { bucketMs: row?.oldest ? bucketMs : 60 * MINUTE, buckets: ALL_TIME_BUCKETS }
}

/**
 * Deliveries per interval over the last 15 minutes, hour, day, week or all time, split by verdict. Buckets end at the
 * next bucket boundary after `now` and are aligned to the epoch with date_bin (PostgreSQL 14+,
 * also in PGlite). Type, verdict, provider and text filters apply; the time range does not (the
 * chart is how a person picks one).
 */
export async function eventHistogram(
  db: SessionDb,
  {
    range,
    filters = {},
    now = new Date(),
  }: { range: HistogramRange; filters?: EventFilters; now?: Date },
): Promise<{ range: HistogramRange; bucketMs: number; buckets: HistogramBucket[] }> {
  const { bucketMs, buckets } =
    range === 'all' ? await allTimeBuckets(db, filters, now) : RANGES[range]
  const end = Math.floor(now.getTime() / bucketMs) * bucketMs + bucketMs
  const start = end - buckets * bucketMs
  const interval = `${bucketMs / 1000} seconds`
  const bucket = sql`date_bin(${interval}::interval, ${events.receivedAt}, timestamptz '1970-01-01T00:00:00Z')`
  const rows = rowsOf<{ bucket: string | Date; verdict: string; n: string | number }>(
    await db.execute(sql`
      select ${bucket} as bucket, ${events.verdict} as verdict, count(*) as n
      from ${events}
      where ${and(
        gte(events.receivedAt, new Date(start)),
        lt(events.receivedAt, new Date(end)),
        ...filterConditions(filters, { withTime: false }),
      )}
      group by 1, 2`),
  )
  const result: HistogramBucket[] = Array.from({ length: buckets }, (_, i) => ({
    start: new Date(start + i * bucketMs).toISOString(),
    end: new Date(start + (i + 1) * bucketMs).toISOString(),
    counts: zeroCounts(),
    total: 0,
  }))
  for (const row of rows) {
    const index = Math.floor((new Date(row.bucket).getTime() - start) / bucketMs)
    const target = result[index]
    if (!target || !(row.verdict in target.counts)) continue
    const n = Number(row.n)
    target.counts[row.verdict as Verdict] += n
    target.total += n
  }
  return { range, bucketMs, buckets: result }
}

// ---- export ------------------------------------------------------------------------------

export interface ExportedEvent extends EventSummary {
  headers: Record<string, string>
  payload: unknown
  bodyText: string | null
  bodyBase64: string | null
}

/**
 * Every row of a filtered view, newest first, read in keyset pages so a large export never
 * sits in memory at once.
 */
export async function* exportEvents(
  db: SessionDb,
  filters: EventFilters,
  pageSize = 500,
): AsyncGenerator<ExportedEvent> {
  let before: number | undefined
  for (;;) {
    const conditions = filterConditions(filters)
    if (before !== undefined) conditions.push(lt(events.id, before))
    const rows = await db
      .select()
      .from(events)
      .where(and(...conditions))
      .orderBy(desc(events.id))
      .limit(pageSize)
    for (const row of rows) {
      const detail = toDetail(row)
      yield { ...detail, bodyBase64: detail.bodyText === null ? detail.bodyBase64 : null }
    }
    const last = rows[rows.length - 1]
    if (rows.length < pageSize || !last) return
    before = last.id
  }
}
