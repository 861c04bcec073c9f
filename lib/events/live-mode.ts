import 'server-only'
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { listenPostgres, type Database } from '../db/client'
import { chooseListenUrl, pooledReason, type ListenUrlSource } from '../db/listen-url'
import { env } from '../env'
import { processSingleton } from '../runtime'

/** How new deliveries reach open streams: a NOTIFY wakes them, or each re-checks on a timer. */
export interface LiveStatus {
  live: 'notify' | 'poll'
  /** Why, in a sentence an operator can act on. */
  reason: string
}
type Decision = LiveStatus & { url?: string }

const PROBE_CHANNEL = 'konpro_console_probe'
const PROBE_TIMEOUT_MS = 2_000
// A decision for polling after a failure is made again after this long: the database may be back.
const RETRY_AFTER_MS = 60_000
const POLL_HINT = 'Until then each live stream re-checks for new deliveries every 2 s.'

type ListenConfig = {
  DATABASE_URL?: string
  DATABASE_URL_UNPOOLED?: string
  DATABASE_LISTEN_URL?: string
}

/**
 * Decides, for `database`, whether LISTEN can work: a URL that names a pooler is refused at once;
 * any other is tried by listening on it and sending a NOTIFY through the main pool, which a
 * pooler in transaction mode never delivers back.
 */
export async function decideLive(database: Database, config: ListenConfig): Promise<Decision> {
  if (database.kind === 'embedded')
    return {
      live: 'notify',
      reason: 'The embedded PostgreSQL is this console’s own: LISTEN works on it directly.',
    }
  const chosen = chooseListenUrl(config)
  if (!chosen) return { live: 'poll', reason: `No PostgreSQL URL to LISTEN on. ${POLL_HINT}` }
  const pooled = pooledReason(chosen.url)
  if (pooled) {
    return {
      live: 'poll',
      reason: `${chosen.source} cannot carry LISTEN: ${pooled}. Set DATABASE_URL_UNPOOLED (or DATABASE_LISTEN_URL) to the database's direct URL. ${POLL_HINT}`,
    }
  }
  const failure = await probe(database, chosen.url)
  if (failure)
    return {
      live: 'poll',
      reason: `LISTEN on ${chosen.source} ${failure}. ${hintFor(chosen.source)} ${POLL_HINT}`,
    }
  return {
    live: 'notify',
    reason: `LISTEN on ${chosen.source} receives notifications.`,
    url: chosen.url,
  }
}

const hintFor = (source: ListenUrlSource) =>
  source === 'DATABASE_URL'
    ? 'If DATABASE_URL goes through a pooler, set DATABASE_URL_UNPOOLED (or DATABASE_LISTEN_URL) to the direct URL.'
    : `Check that ${source} is the database's direct URL, not a pooler's.`

/** Null when a NOTIFY sent through the main pool reaches a LISTEN on `url`; else what went wrong. */
async function probe(database: Database, url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 })
  client.on('error', () => {})
  const nonce = randomUUID()
  try {
    await client.connect()
    await client.query(`LISTEN ${PROBE_CHANNEL}`)
    const heard = new Promise<boolean>((resolve) => {
      client.on(
        'notification',
        (m) => m.channel === PROBE_CHANNEL && m.payload === nonce && resolve(true),
      )
      setTimeout(() => resolve(false), PROBE_TIMEOUT_MS).unref()
    })
    await database.db.execute(sql`select pg_notify(${PROBE_CHANNEL}, ${nonce})`)
    return (await heard)
      ? null
      : `never received its own test NOTIFY within ${PROBE_TIMEOUT_MS / 1000} s`
  } catch (error) {
    return `failed (${(error as Error).message})`
  } finally {
    await client.end().catch(() => {})
  }
}

type Entry = { decision: Promise<Decision>; decided?: Decision; at: number }
const held = () =>
  processSingleton('live-mode', () => ({ current: undefined as Entry | undefined }))

/** This process's decision, made once; one for polling is made again a minute later. */
function decision(database: Database): Promise<Decision> {
  const g = held()
  const current = g.current
  const stale = current?.decided?.live === 'poll' && Date.now() - current.at > RETRY_AFTER_MS
  if (current && !stale) return current.decision
  const before = current?.decided
  const entry: Entry = {
    at: Date.now(),
    decision: decideLive(database, env()).then((d) => {
      entry.decided = d
      entry.at = Date.now()
      // Said once per change, never silently: a console on polling tells the operator why.
      if (d.live === 'poll' && before?.reason !== d.reason)
        console.warn(`Live updates: polling. ${d.reason}`)
      return d
    }),
  }
  g.current = entry
  return entry.decision
}

/** How this process's streams learn of new deliveries, for /api/health and Settings. */
export async function liveStatus(database: Database): Promise<LiveStatus> {
  const { live, reason } = await decision(database)
  return { live, reason }
}

/**
 * LISTEN on `channel` over the connection the decision chose; when it says poll, nothing is
 * listened to and streams rely on their timed re-check.
 */
export async function listenForEvents(
  database: Database,
  channel: string,
  onMessage: (payload: string) => void,
) {
  const d = await decision(database)
  if (d.live === 'poll') return async () => {}
  if (!d.url) return database.listen(channel, onMessage)
  return listenPostgres({ connectionString: d.url }, channel, onMessage)
}
