import 'server-only'
import { env } from '../env'
import { openDatabase, type Database } from './client'
import { migrate } from './migrate'

// Next loads instrumentation and each route in separate module graphs; a global keeps one
// database (and one PGlite instance, which allows one opener per directory) per process.
const globalKey = Symbol.for('konpro-console.database')
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<Database> }

/** The process-wide database, opened and migrated on first use (normally from instrumentation). */
export function getDatabase(): Promise<Database> {
  const g = globalThis as GlobalWithDb
  g[globalKey] ??= (async () => {
    const { DATABASE_URL, DATA_DIR } = env()
    const database = await openDatabase({ url: DATABASE_URL, dataDir: DATA_DIR })
    await migrate(database.db)
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
