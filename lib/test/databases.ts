import { afterAll, beforeAll, inject, describe } from 'vitest'
import { openDatabase, type Database, type Db } from '../db/client'
import { migrate } from '../db/migrate'
import { cleanupAfterEach, type Defer } from './cleanup'
import { createScratchDatabase } from './postgres'

export type DatabaseFactory = () => Promise<Database & { url?: string }>

/**
 * Runs a suite once on the embedded default (the PostgreSQL this console runs itself, started
 * once for the test run by the global setup) and once on the machine's PostgreSQL, each test
 * getting a fresh migrated database from `fresh()`, closed after the test. `defer` registers the
 * test's other clean-ups (servers, sockets); they run before the databases close. The PostgreSQL
 * suite is skipped (visibly) only when SKIP_POSTGRES=1.
 */
export function describeEachDatabase(
  name: string,
  suite: (fresh: DatabaseFactory, defer: Defer) => void,
) {
  const targets = [
    { label: 'embedded', adminUrl: inject('embeddedAdminUrl'), kind: 'embedded' as const },
    { label: 'postgres', adminUrl: inject('postgresAdminUrl'), kind: 'postgres' as const },
  ]
  for (const { label, adminUrl, kind } of targets) {
    describe.skipIf(!adminUrl)(`${name} [${label}]`, () => {
      const defer = cleanupAfterEach()
      suite(async () => {
        const scratch = await createScratchDatabase(adminUrl)
        const database = await openDatabase({ url: scratch.url })
        await migrate(database.db)
        // A test may close its database itself (to reopen it, say): closing is idempotent.
        let closed: Promise<void> | undefined
        const close = () =>
          (closed ??= (async () => {
            await database.close()
            await scratch.drop()
          })())
        defer(close)
        return { ...database, kind, url: scratch.url, close }
      }, defer)
    })
  }
}

/**
 * One migrated database on the embedded default for the whole file, for suites about something
 * else whose code takes a database (outbound requests read Settings' allowed hosts from it).
 */
export function databaseForFile(): () => Db {
  let database: Database | undefined
  let drop: (() => Promise<void>) | undefined
  beforeAll(async () => {
    const scratch = await createScratchDatabase(inject('embeddedAdminUrl'))
    drop = scratch.drop
    database = await openDatabase({ url: scratch.url })
    await migrate(database.db)
  })
  afterAll(async () => {
    await database?.close()
    await drop?.()
  })
  return () => {
    if (!database) throw new Error('the database opens in beforeAll')
    return database.db
  }
}
