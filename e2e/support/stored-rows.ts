import { readFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { E2E_DATA_DIR } from '../../playwright.config'

/**
 * Moves a stored delivery's arrival back by `hours`, in the main server's embedded PostgreSQL
 * (its socket and password sit in the data directory). The receiver stamps every delivery with
 * the time it arrived, so this is the only way a test gets one older than a day.
 */
export async function backdateDelivery(id: string, hours: number) {
  const root = path.resolve(E2E_DATA_DIR)
  const client = new pg.Client({
    host: path.join(root, 'pg'),
    port: 5432,
    user: 'postgres',
    database: 'postgres',
    password: readFileSync(path.join(root, 'pg-password'), 'utf8').trim(),
  })
  await client.connect()
  try {
    const moved = await client.query(
      `update events set received_at = received_at - make_interval(hours => $1) where id = $2`,
      [hours, id],
    )
    if (moved.rowCount !== 1) throw new Error(`no stored delivery #${id} to backdate`)
  } finally {
    await client.end()
  }
}
