import 'server-only'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import * as schema from './schema'

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>
export type DbKind = 'pglite' | 'postgres'

export interface Database {
  kind: DbKind
  db: Db
  /** Calls `onMessage` for each NOTIFY on `channel`; resolves to an unsubscribe function. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>
  close(): Promise<void>
}

export interface DatabaseConfig {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  url?: string
  /** PGlite data directory, or `memory://` for a throw-away database. */
  dataDir?: string
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.url ? openPostgres(config.url) : openPglite(config.dataDir ?? '.data')
}

async function openPglite(dataDir: string): Promise<Database> {
  const dir = dataDir.startsWith('memory://') ? dataDir : path.resolve(dataDir, 'pglite')
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true })
  const client = await PGlite.create(dir)
  return {
    kind: 'pglite',
    db: drizzlePglite(client, { schema }) as unknown as Db,
    listen: async (channel, onMessage) => {
      const unsubscribe = await client.listen(channel, onMessage)
      return unsubscribe
    },
    close: () => client.close(),
  }
}

async function openPostgres(url: string): Promise<Database> {
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
    kind: 'postgres',
    db: drizzlePg(pool, { schema }) as unknown as Db,
    listen: (channel, onMessage) => listenPostgres(url, channel, onMessage),
    close: () => pool.end(),
  }
}

/** A dedicated connection for LISTEN that reconnects with backoff after it drops. */
export async function listenPostgres(url: string, channel: string, onMessage: (payload: string) => void) {
  let stopped = false
  let current: pg.Client | undefined
  let delay = 250
  const scheduleReconnect = () => {
    if (stopped) return
    setTimeout(() => void connect().catch(() => {}), delay).unref()
    delay = Math.min(delay * 2, 10_000)
  }
  const connect = async () => {
    const client = new pg.Client({ connectionString: url })
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
