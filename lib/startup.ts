import 'server-only'
import { env } from './env'
import { getDatabase } from './db'

export async function startup() {
  try {
    env()
  } catch (error) {
    // Print the message alone: a stack trace would bury which variable is wrong.
    console.error(`\n${(error as Error).message}\n`)
    process.exit(1)
  }
  await getDatabase()
}
