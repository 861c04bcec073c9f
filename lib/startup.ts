import 'server-only'
import { env } from './env'
import { getDatabase, getOpenDatabase } from './db'
import { authSecret } from './auth/secret'
import { ensureAdmin } from './auth/users'
import { registerFastPath } from './fast-path'
import { liveStatus } from './events/live-mode'
import { setStartupWork } from './startup-ready'
import { startRetention } from './webhooks/retention'

/**
 * Runs before the server answers anything (Next awaits instrumentation's register). It checks
 * the configuration and opens the database, then leaves the migrations and what needs the
 * schema to the background: a cold instance answers the receivers' OPTIONS and POST at once,
 * even while another instance or a deploy holds the migration lock.
 */
export async function startup() {
  try {
    env()
  } catch (error) {
    // Print the message alone: a stack trace would bury which variable is wrong.
    console.error(`\n${(error as Error).message}\n`)
    process.exit(1)
  }
  await getOpenDatabase()
  authSecret()
  registerFastPath()
  const work = (async () => {
    const database = await getDatabase()
    const { ADMIN_EMAIL, ADMIN_PASSWORD } = env()
    if (ADMIN_EMAIL && ADMIN_PASSWORD) await ensureAdmin(database.db, ADMIN_EMAIL, ADMIN_PASSWORD)
    startRetention(async () => database.db)
    // Decide LISTEN or polling now, so the first stream and health check need not wait for it.
    void liveStatus(database)
  })()
  setStartupWork(work)
  work.catch((error: unknown) =>
    console.error('Start-up: the database could not be migrated or prepared.', error),
  )
}
