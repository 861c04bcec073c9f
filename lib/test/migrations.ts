import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Db } from '../db/client'
import { migrate, MIGRATIONS_FOLDER } from '../db/migrate'

/**
 * Applies only the committed migrations older than `when` (a journal entry's `when`), from a
 * copy of the folder whose journal stops there: a database as it was before a migration, to
 * write rows in the old schema. Answers what was applied and how many migrations were left out.
 */
export async function migrateBefore(
  db: Db,
  when: number,
): Promise<{ applied: number; later: number }> {
  const earlier = mkdtempSync(path.join(tmpdir(), 'migrations-before-'))
  try {
    cpSync(MIGRATIONS_FOLDER, earlier, { recursive: true })
    const journalFile = path.join(earlier, 'meta', '_journal.json')
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
      entries: Array<{ when: number }>
    }
    const later = journal.entries.filter((e) => e.when >= when).length
    journal.entries = journal.entries.filter((e) => e.when < when)
    writeFileSync(journalFile, JSON.stringify(journal))
    return { ...(await migrate(db, earlier)), later }
  } finally {
    rmSync(earlier, { recursive: true, force: true })
  }
}
