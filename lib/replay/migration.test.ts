import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { createUser } from '../auth/users'
import { rowsOf } from '../db/client'
import { migrate } from '../db/migrate'
import { accessTokens, events, replayAttempts } from '../db/schema'
import { describeEachDatabase } from '../test/databases'
import { storedRow } from '../test/event-rows'
import { migrateBefore } from '../test/migrations'

// 0006 (access tokens, replay attempts) applied to a database that already holds users and deliveries.
describeEachDatabase('migration 0006 on existing rows', (fresh) => {
  it('keeps earlier rows and lets tokens and attempts refer to them', async () => {
    const database = await fresh()
    const { db } = database
    // Back to the state before 0006: drop its tables, the later migrations' and their bookkeeping
    // rows, then apply only the earlier ones.
    await db.execute(sql`drop table outbound_allowed_hosts`)
    await db.execute(sql`drop table replay_attempts`)
    await db.execute(sql`drop table access_tokens`)
    // Later migrations go too: the migrator applies only what is newer than the last one recorded.
    await db.execute(sql`drop table saved_views`)
    await db.execute(
      sql`delete from drizzle.__drizzle_migrations where created_at >= 1796400000000`,
    )
    // 0006 and every later migration run again (the later ones are written to run twice).
    const { applied, later } = await migrateBefore(db, 1796400000000)
    expect(applied).toBe(0)
    const user = await createUser(db, {
      email: 'old@migrate.test',
      password: 'long enough password',
      role: 'viewer',
    })
    const [event] = await db.insert(events).values(storedRow()).returning({ id: events.id })

    expect(await migrate(db)).toEqual({ applied: later })
    expect(later).toBeGreaterThan(1)
    await db
      .insert(accessTokens)
      .values({ userId: user.id, name: 'laptop', tokenHash: 'h'.repeat(64), prefix: 'kpt_abcdef' })
    await db.insert(replayAttempts).values({
      eventId: event!.id,
      url: 'https://x.example/h',
      mode: 'original',
      status: 200,
      latencyMs: 3,
    })
    const [counts] = rowsOf<{ e: number; t: number; r: number }>(
      await db.execute(
        sql`select (select count(*)::int from events) as e, (select count(*)::int from access_tokens) as t, (select count(*)::int from replay_attempts) as r`,
      ),
    )
    expect(counts).toEqual({ e: 1, t: 1, r: 1 })
  })
})
