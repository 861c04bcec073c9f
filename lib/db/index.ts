import 'server-only'
import { env } from '../env'
import { openDatabase, type Database } from './client'
import { importPgliteDataDir } from './import-pglite'
import { migrate } from './migrate'

// Next loads instrumentation and each route in separate module graphs; a global keeps one
// database (one pool, and one embedded server) per process.
const globalKey = Symbol.for('konpro-console.database')
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<Database> }

/** The process-wide database, opened and migrated on first use (normally from instrumentation). */
export function getDatabase(): Promise<Database> {
  const g = globalThis as GlobalWithDb
  g[globalKey] ??= (async () => {
    const { DATABASE_URL, DATA_DIR } = env()
    const database = await openDatabase({ url: DATABASE_URL, dataDir: DATA_DIR })
    if (database.kind === 'embedded') stopWithProcess(database)
    await migrate(database.db)
    if (database.kind === 'embedded') await importPgliteDataDir(DATA_DIR, database.db)
    return database
  })().catch((error: unknown) => {
    delete g[globalKey]
    throw error
  })
  return g[globalKey]
}

export async function getDb() {
  return (await getDatabase()).db
}

/** Ctrl-C or a service manager's SIGTERM stops the embedded PostgreSQL cleanly before the console exits. */
function stopWithProcess(database: Database) {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      const exit = () => process.exit(code)
      setTimeout(exit, 10_000).unref()
      void database.close().then(exit, exit)
    })
  }
}
