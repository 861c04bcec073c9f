import 'server-only'
import pg from 'pg'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { startEmbeddedPostgres } from './embedded'
import * as schema from './schema'

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>
/** `embedded`: the PostgreSQL this console runs itself under DATA_DIR; `postgres`: DATABASE_URL. */
export type DbKind = 'embedded' | 'postgres'

export interface Database {
  kind: DbKind
  db: Db
  /** Calls `onMessage` for each NOTIFY on `channel`; resolves to an unsubscribe function. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>
  /** Closes the pool (and stops the embedded server). */
  close(): Promise<void>
}

export interface DatabaseConfig {
  /** postgres:// URL; when absent the embedded PostgreSQL under `dataDir` is started. */
  url?: string
  /** Where the embedded PostgreSQL keeps its cluster (`<dataDir>/pg`). */
  dataDir?: string
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.url) return openPostgres(config.url)
  const server = await startEmbeddedPostgres(config.dataDir ?? '.data')
  const database = openPostgres(server.url, 'embedded')
  return {
    ...database,
    close: async () => {
      await database.close().catch(() => {})
      await server.stop()
    },
  }
}

/** Both kinds share this: one driver (`pg`), one dialect, one LISTEN/NOTIFY path. */
function openPostgres(url: string, kind: DbKind = 'postgres'): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_MAX ?? 10),
    // Serverless hosts freeze idle processes; short idle timeouts avoid dead sockets.
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: 5_000,
  })
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', () => {})
  return {
    kind,
    db: drizzlePg(pool, { schema }) as unknown as Db,
    listen: (channel, onMessage) => listenPostgres(listenConfig(url), channel, onMessage),
    close: () => pool.end(),
  }
}

/**
 * Where the LISTEN connection goes: the same server as the pool. Kept apart so a deployment
 * can point LISTEN at a direct (unpooled) URL in one place.
 */
function listenConfig(url: string): pg.ClientConfig {
  return { connectionString: url }
}

/** A dedicated connection for LISTEN that reconnects with backoff after it drops. */
export async function listenPostgres(
  config: pg.ClientConfig,
  channel: string,
  onMessage: (payload: string) => void,
) {
  let stopped = false
  let current: pg.Client | undefined
  let delay = 250
  const scheduleReconnect = () => {
    if (stopped) return
    setTimeout(() => void connect().catch(() => {}), delay).unref()
    delay = Math.min(delay * 2, 10_000)
  }
  const connect = async () => {
    const client = new pg.Client(config)
    let dropped = false
    const drop = () => {
      if (dropped) return
      dropped = true
      if (current === client) current = undefined
      client.end().catch(() => {})
      scheduleReconnect()
    }
    client.on('notification', (msg) => {
      if (msg.channel === channel) onMessage(msg.payload ?? '')
    })
    client.on('error', drop)
    client.on('end', drop)
    try {
      await client.connect()
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
    } catch (error) {
      drop()
      throw error
    }
    current = client
    delay = 250
  }
  try {
    await connect()
  } catch (error) {
    stopped = true
    throw error
  }
  return async () => {
    stopped = true
    await current?.end().catch(() => {})
  }
}

/** Rows of a `db.execute()` result; both drivers answer `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows
}
