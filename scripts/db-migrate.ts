// `npm run db:migrate`: applies pending migrations for a deploy pipeline (Vercel's build command
// runs it), under the same advisory lock as a server start, so both may run at once safely.
// Migrates over DATABASE_URL_UNPOOLED when given (Neon advises a direct connection for schema
// changes), else DATABASE_URL; without either, the embedded database in DATA_DIR.
import { openDatabase } from '../lib/db/client'
import { migrate } from '../lib/db/migrate'
import { env } from '../lib/env'

async function main() {
  let config
  try {
    config = env()
  } catch (error) {
    console.error(`\n${(error as Error).message}\n`)
    process.exit(1)
  }
  const url = config.DATABASE_URL_UNPOOLED ?? config.DATABASE_URL
  const database = await openDatabase({ url, dataDir: config.DATA_DIR })
  try {
    const { applied } = await migrate(database.db)
    const where = url
      ? config.DATABASE_URL_UNPOOLED
        ? 'DATABASE_URL_UNPOOLED'
        : 'DATABASE_URL'
      : `the embedded database in ${config.DATA_DIR}`
    console.log(
      applied
        ? `Applied ${applied} migration(s) to ${where}.`
        : `No pending migrations on ${where}.`,
    )
  } finally {
    await database.close()
  }
}

main().catch((error: unknown) => {
  console.error('Migrations failed:', error)
  process.exit(1)
})
