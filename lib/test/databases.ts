import { inject, describe } from 'vitest'
import { openDatabase, type Database } from '../db/client'
import { migrate } from '../db/migrate'
import { createScratchDatabase } from './postgres'

export type DatabaseFactory = () => Promise<Database & { url?: string }>

/**
 * Runs a suite once on PGlite and once on PostgreSQL, each test getting a fresh migrated database
 * from `fresh()`. The PostgreSQL suite is skipped (visibly) only when SKIP_POSTGRES=1.
 */
export function describeEachDatabase(name: string, suite: (fresh: DatabaseFactory) => void) {
  describe(`${name} [pglite]`, () => {
    suite(async () => {
      const database = await openDatabase({ dataDir: 'memory://' })
      await migrate(database.db)
      return database
    })
  })
  const adminUrl = inject('postgresAdminUrl')
  describe.skipIf(!adminUrl)(`${name} [postgres]`, () => {
    suite(async () => {
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
