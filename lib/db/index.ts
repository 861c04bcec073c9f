import 'server-only'
import { env } from '../env'
import { openDatabase, type Database } from './client'
import { importPgliteDataDir } from './import-pglite'
import { migrate } from './migrate'
import { processSingleton } from '../runtime'

// One database (one pool, and one embedded server) per process.
type State = { opened: Promise<Database>; ready: Promise<Database> }
const held = () => processSingleton('database', () => ({ current: null as State | null }))

function state(): State {
  const g = held()
  if (g.current) return g.current
  const opened = (async () => {
    const { DATABASE_URL, DATA_DIR } = env()
    const database = await openDatabase({ url: DATABASE_URL, dataDir: DATA_DIR })
    if (database.kind === 'embedded') stopWithProcess(database)
    return database
  })()
  const ready = opened.then(async (database) => {
    await migrate(database.db)
    if (database.kind === 'embedded') await importPgliteDataDir(env().DATA_DIR, database.db)
    return database
  })
  const current: State = { opened, ready }
  g.current = current
  // A failure is tried again by the next caller.
  ready.catch(() => {
    if (g.current === current) g.current = null
  })
  return current
}

/** The process-wide database, opened and migrated on first use. */
export function getDatabase(): Promise<Database> {
  return state().ready
}

/**
 * The same database as soon as it is open, without waiting for migrations: for the receivers,
 * whose answers must not wait while another instance holds the migration lock or a deploy's
 * migration runs. The embedded database is this process's own and migrates before its first use,
 * so there the receivers do wait for it.
 */
export function getOpenDatabase(): Promise<Database> {
  const current = state()
  return current.opened.then((database) =>
    database.kind === 'postgres' ? database : current.ready,
  )
}

export async function getDb() {
  return (await getDatabase()).db
}

/** Ctrl-C or a service manager's SIGTERM stops the embedded PostgreSQL cleanly before the console exits. */
function stopWithProcess(database: Database) {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      const exit = () => process.exit(code)
      setTimeout(exit, 10_000).unref()
      void database.close().then(exit, exit)
    })
  }
}
