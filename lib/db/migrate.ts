import 'server-only'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { readMigrationFiles } from 'drizzle-orm/migrator'
import { rowsOf, type Db } from './client'

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'lib/db/migrations')

// Any constant shared by every instance; it names this console's migration lock.
export const MIGRATION_LOCK = 7_100_310_201

/**
 * Applies pending drizzle-kit migrations in one transaction guarded by a transaction-level
 * advisory lock, so instances starting together take turns and the second finds nothing to do.
 * A transaction lock (not a session lock) also holds behind transaction-mode poolers such as
 * Neon's and Vercel's pooled URLs. Bookkeeping matches drizzle's own `__drizzle_migrations`.
 */
export async function migrate(
  db: Db,
  migrationsFolder = MIGRATIONS_FOLDER,
): Promise<{ applied: number }> {
  const migrations = readMigrationFiles({ migrationsFolder })
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`)
    await tx.execute(sql`create schema if not exists drizzle`)
    await tx.execute(
      sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`,
    )
    const [last] = rowsOf<{ created_at: string | number }>(
      await tx.execute(
        sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
      ),
    )
    const lastApplied = last ? Number(last.created_at) : -1
    let applied = 0
    for (const migration of migrations) {
      if (migration.folderMillis <= lastApplied) continue
      for (const statement of migration.sql) {
        if (statement.trim()) await tx.execute(sql.raw(statement))
      }
      await tx.execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`,
      )
      applied++
    }
    return { applied }
  })
}
