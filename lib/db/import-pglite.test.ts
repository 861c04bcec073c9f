import { existsSync, mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import { sql } from 'drizzle-orm'
import { afterAll, expect, it } from 'vitest'
import { openDatabase, rowsOf, type Db } from './client'
import { scratchDataDir } from './embedded'
import { importPgliteDataDir } from './import-pglite'
import { migrate } from './migrate'

// A DATA_DIR from a version that kept its data in PGlite: the first start on the embedded
// PostgreSQL copies every row once and keeps the old directory renamed.
const dir = scratchDataDir('konpro-import-test-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it('imports a PGlite data directory once, rows and sequences, and keeps it renamed', async () => {
  mkdirSync(path.join(dir, 'pglite'), { recursive: true })
  const old = await PGlite.create(path.join(dir, 'pglite'))
  const oldDb = drizzle(old) as unknown as Db
  await migrate(oldDb)
  await oldDb.execute(sql`insert into settings (key, value) values ('kept', '{"n":1}')`)
  for (let i = 0; i < 3; i++) {
    await oldDb.execute(sql`insert into events (method, size, headers, body, parse_status, verdict, response_status, dedupe_key)
      values ('POST', 2, '{"a":"b"}', '\\x7b7d', 'ok', 'verified', 200, ${`k${i}`})`)
  }
  await old.close()

  const database = await openDatabase({ dataDir: dir })
  try {
    await migrate(database.db)
    expect(await importPgliteDataDir(dir, database.db)).toEqual({ imported: 4 })
    expect(existsSync(path.join(dir, 'pglite'))).toBe(false)
    expect(existsSync(path.join(dir, 'pglite.imported', 'PG_VERSION'))).toBe(true)
    const events = rowsOf<{ id: string; headers: unknown; body: Buffer }>(
      await database.db.execute(sql`select id, headers, body from events order by id`),
    )
    expect(events.map((e) => Number(e.id))).toEqual([1, 2, 3])
    expect(events[0]!.headers).toEqual({ a: 'b' })
    expect(Buffer.from(events[0]!.body).toString()).toBe('{}')
    expect(
      rowsOf(await database.db.execute(sql`select value from settings where key = 'kept'`)),
    ).toEqual([{ value: { n: 1 } }])
    // The sequence moved on: a new row does not collide with an imported id.
    const [next] = rowsOf<{ id: string }>(
      await database.db
        .execute(sql`insert into events (method, size, headers, body, parse_status, verdict, response_status, dedupe_key)
        values ('POST', 2, '{}', '\\x7b7d', 'ok', 'verified', 200, 'new') returning id`),
    )
    expect(Number(next!.id)).toBe(4)
    // Nothing left to import the second time.
    expect(await importPgliteDataDir(dir, database.db)).toBeNull()
  } finally {
    await database.close()
  }
}, 120_000)
