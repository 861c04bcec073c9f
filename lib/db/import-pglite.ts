import 'server-only'
import { existsSync, renameSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { rowsOf, type Db } from './client'
import { migrate } from './migrate'

const PAGE = 500

/**
 * Earlier versions kept the embedded database in PGlite (`<DATA_DIR>/pglite`). On the first start
 * on the embedded PostgreSQL, while its tables are still empty, every row is copied over once (both
 * sides migrated to the same schema first, sequences carried along) and the old directory is
 * renamed `pglite.imported`, kept until its owner deletes it. Nothing is lost and nothing runs twice.
 */
export async function importPgliteDataDir(
  dataDir: string,
  target: Db,
): Promise<{ imported: number } | null> {
  const source = path.resolve(dataDir, 'pglite')
  if (!existsSync(path.join(source, 'PG_VERSION'))) return null
  const tables = rowsOf<{ name: string }>(
    await target.execute(
      sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`,
    ),
  ).map((t) => t.name)
  for (const table of tables) {
    const [row] = rowsOf<{ any: boolean }>(
      await target.execute(sql`select exists (select from ${sql.identifier(table)}) as any`),
    )
    if (row?.any) {
      console.warn(
        `Embedded PostgreSQL: ${source} (PGlite data of an earlier version) was not imported because the database already has data; it is left as it is.`,
      )
      return null
    }
  }
  console.log(`Embedded PostgreSQL: importing the PGlite data in ${source} (once)...`)
  const [{ PGlite }, { drizzle }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
  ])
  const pglite = await PGlite.create(source)
  let imported = 0
  try {
    const from = drizzle(pglite) as unknown as Db
    await migrate(from)
    await target.transaction(async (tx) => {
      // Rows arrive table by table; foreign keys are already satisfied in the source.
      await tx.execute(sql`set local session_replication_role = replica`)
      for (const table of tables) {
        for (let offset = 0; ; offset += PAGE) {
          const [page] = rowsOf<{ rows: string; n: number }>(
            await from.execute(
              sql`select coalesce(json_agg(t), '[]')::text as rows, count(*)::int as n from (select * from ${sql.identifier(table)} order by ctid limit ${PAGE} offset ${offset}) t`,
            ),
          )
          if (!page || page.n === 0) break
          await tx.execute(
            sql`insert into ${sql.identifier(table)} overriding system value select * from json_populate_recordset(null::${sql.identifier(table)}, ${page.rows}::json)`,
          )
          imported += page.n
          if (page.n < PAGE) break
        }
      }
      const sequences = rowsOf<{ name: string; last: string | null }>(
        await from.execute(
          sql`select sequencename as name, last_value::text as last from pg_sequences where schemaname = 'public'`,
        ),
      )
      for (const s of sequences)
        if (s.last !== null)
          await tx.execute(sql`select setval(${`public.${s.name}`}::regclass, ${s.last}::bigint)`)
    })
  } finally {
    await pglite.close()
  }
  renameSync(source, `${source}.imported`)
  console.log(
    `Embedded PostgreSQL: imported ${imported} rows; the PGlite directory is kept as ${source}.imported.`,
  )
  return { imported }
}
