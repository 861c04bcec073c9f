import 'server-only'
import { env } from './env'
import { getDatabase } from './db'
import { authSecret } from './auth/secret'
import { ensureAdmin } from './auth/users'
import { registerFastPath } from './fast-path'
import { liveStatus } from './events/live-mode'
import { startRetention } from './webhooks/retention'

export async function startup() {
  try {
    env()
  } catch (error) {
    // Print the message alone: a stack trace would bury which variable is wrong.
    console.error(`\n${(error as Error).message}\n`)
    process.exit(1)
  }
  const database = await getDatabase()
  authSecret()
  const { ADMIN_EMAIL, ADMIN_PASSWORD } = env()
  if (ADMIN_EMAIL && ADMIN_PASSWORD) await ensureAdmin(database.db, ADMIN_EMAIL, ADMIN_PASSWORD)
  startRetention(async () => database.db)
  registerFastPath()
  // Decide LISTEN or polling now, so the first stream and health check need not wait for it.
  void liveStatus(database)
}
