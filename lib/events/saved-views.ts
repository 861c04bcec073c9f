import 'server-only'
import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../db/client'
import { savedViews } from '../db/schema'

// A person's saved /events filters. Every query takes the owner's id: nobody reads, renames or
// deletes someone else's view, whatever id they send.

export interface SavedViewListing {
  id: number
  name: string
  query: string
}

const listing = { id: savedViews.id, name: savedViews.name, query: savedViews.query }

/** The user's views, by name. */
export function listSavedViews(db: Db, userId: number): Promise<SavedViewListing[]> {
  return db
    .select(listing)
    .from(savedViews)
    .where(eq(savedViews.userId, userId))
    .orderBy(asc(savedViews.name), asc(savedViews.id))
}

/** Saves a view; `duplicate` when the user already has one by that name. */
export async function createSavedView(
  db: Db,
  userId: number,
  view: { name: string; query: string },
): Promise<SavedViewListing | 'duplicate'> {
  const [row] = await db
    .insert(savedViews)
    .values({ userId, ...view })
    .onConflictDoNothing({ target: [savedViews.userId, savedViews.name] })
    .returning(listing)
  return row ?? 'duplicate'
}

/** Renames one of the user's views: the view, `duplicate`, or null when it is not theirs (or gone). */
export async function renameSavedView(
  db: Db,
  userId: number,
  id: number,
  name: string,
): Promise<SavedViewListing | 'duplicate' | null> {
  try {
    const [row] = await db
      .update(savedViews)
      .set({ name })
      .where(and(eq(savedViews.id, id), eq(savedViews.userId, userId)))
      .returning(listing)
    return row ?? null
  } catch (error) {
    if (isUniqueViolation(error)) return 'duplicate'
    throw error
  }
}

/** Deletes one of the user's views; answers it, or null when it is not theirs (or gone). */
export async function deleteSavedView(
  db: Db,
  userId: number,
  id: number,
): Promise<SavedViewListing | null> {
  const [row] = await db
    .delete(savedViews)
    .where(and(eq(savedViews.id, id), eq(savedViews.userId, userId)))
    .returning(listing)
  return row ?? null
}

// Drizzle wraps the driver's error; PostgreSQL's code for a unique violation is on the cause.
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause)
    if ((e as { code?: unknown }).code === '23505') return true
  return false
}
