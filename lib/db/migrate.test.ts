import { expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { openDatabase, rowsOf } from './client'
import { readMigrationFiles } from 'drizzle-orm/migrator'
import { migrate, MIGRATIONS_FOLDER } from './migrate'
import { settings } from './schema'
import { describeEachDatabase } from '../test/databases'
import { storedRow } from '../test/event-rows'
import { migrateBefore } from '../test/migrations'
import { createEventWriter } from '../events/writer'

describeEachDatabase('migrations', (fresh, defer) => {
  it('creates every table, and running again applies nothing', async () => {
    const database = await fresh()
    const tables = rowsOf<{ table_name: string }>(
      await database.db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
      ),
    ).map((r) => r.table_name)
    expect(tables).toEqual(
      expect.arrayContaining(['events', 'sandbox_deliveries', 'sandbox_endpoints', 'settings']),
    )
    expect(await migrate(database.db)).toEqual({ applied: 0 })
  })

  it('runs the same queries through drizzle', async () => {
    const database = await fresh()
    await database.db.insert(settings).values({ key: 'greeting', value: { text: 'hello' } })
    const rows = await database.db.select().from(settings)
    expect(rows).toHaveLength(1)
    expect(rows[0]?.value).toEqual({ text: 'hello' })
    expect(rows[0]?.updatedAt).toBeInstanceOf(Date)
  })

  it('delivers NOTIFY to listeners', async () => {
    const database = await fresh()
    const received: string[] = []
    const stop = await database.listen('console_test', (p) => received.push(p))
    await database.db.execute(sql`select pg_notify('console_test', 'ping')`)
    await expect.poll(() => received, { timeout: 5000 }).toEqual(['ping'])
    await stop()
  })

  it('lets several instances migrate one database at once', async () => {
    const first = await fresh()
    // Undo the factory's migration so the racers find work to do.
    await first.db.execute(
      sql`drop schema public cascade; create schema public; drop schema drizzle cascade`,
    )
    const racers = await Promise.all([1, 2, 3].map(() => openDatabase({ url: first.url! })))
    for (const racer of racers) defer(() => racer.close())
    const results = await Promise.all(racers.map((r) => migrate(r.db)))
    const all = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length
    // One instance applies everything; the others find nothing left to do.
    expect(results.map((r) => r.applied).sort()).toEqual([0, 0, all])
    const [count] = rowsOf<{ n: number }>(
      await first.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
    )
    expect(count?.n).toBe(all)
  })

  it('0005 keeps the first copies of deliveries stored before it', async () => {
    const database = await fresh()
    // Back to the schema before 0005, with deliveries written then.
    await database.db.execute(
      sql`drop schema public cascade; create schema public; drop schema drizzle cascade`,
    )
    await migrateBefore(database.db, 1796300000000)
    const insert = (key: string, duplicateOf: number | null, age = '1 hour') =>
      database.db
        .execute(sql`insert into events (method, size, headers, body, parse_status, verdict, response_status, dedupe_key, duplicate_of, received_at)
        values ('POST', 2, '{}', '\\x7b7d', 'ok', 'verified', 200, ${key}, ${duplicateOf}, now() - ${age}::interval) returning id`)
    const [original] = rowsOf<{ id: string }>(await insert('k-recent', null))
    await insert('k-recent', Number(original!.id))
    await insert('k-old', null, '3 days')
    await migrate(database.db)
    const firsts = rowsOf<{ dedupe_key: string; event_id: string }>(
      await database.db.execute(sql`select dedupe_key, event_id from event_first_copies`),
    )
    expect(firsts.map((f) => [f.dedupe_key, Number(f.event_id)])).toEqual([
      ['k-recent', Number(original!.id)],
    ])
    // A copy arriving now is marked against the first copy stored before the migration.
    const writer = createEventWriter(database.db)
    const copyOf = (dedupeKey: string) => writer.write(storedRow({ dedupeKey }))
    expect((await copyOf('k-recent')).duplicateOf).toBe(Number(original!.id))
    expect((await copyOf('k-old')).duplicateOf).toBeNull()
  })
})
