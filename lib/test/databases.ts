import { inject, describe } from 'vitest'
import { openDatabase, type Database } from '../db/client'
import { migrate } from '../db/migrate'
import { cleanupAfterEach, type Defer } from './cleanup'
import { createScratchDatabase } from './postgres'

export type DatabaseFactory = () => Promise<Database & { url?: string }>

/**
 * Runs a suite once on PGlite and once on PostgreSQL, each test getting a fresh migrated database
 * from `fresh()`, closed after the test. `defer` registers the test's other clean-ups (servers,
 * sockets); they run before the databases close. The PostgreSQL suite is skipped (visibly) only
 * when SKIP_POSTGRES=1.
 */
export function describeEachDatabase(name: string, suite: (fresh: DatabaseFactory, defer: Defer) => void) {
  const closing = (open: DatabaseFactory) => {
    const defer = cleanupAfterEach()
    const fresh: DatabaseFactory = async () => {
      const database = await open()
      // A test may close its database itself (to reopen it, say): closing is idempotent.
      let closed: Promise<void> | undefined
      const close = () => (closed ??= database.close())
      defer(close)
      return { ...database, close }
    }
    suite(fresh, defer)
  }
  describe(`${name} [pglite]`, () => {
    closing(async () => {
      const database = await openDatabase({ dataDir: 'memory://' })
      await migrate(database.db)
      return database
    })
  })
  const adminUrl = inject('postgresAdminUrl')
  describe.skipIf(!adminUrl)(`${name} [postgres]`, () => {
    closing(async () => {
      const scratch = await createScratchDatabase(adminUrl)
      const database = await openDatabase({ url: scratch.url })
      await migrate(database.db)
      return {
        ...database,
        url: scratch.url,
        close: async () => {
          await database.close()
          await scratch.drop()
        },
      }
    })
  })
}
