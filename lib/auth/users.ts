import 'server-only'
import { asc, count, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { sessions, users, type User } from '../db/schema'
import type { Role } from '../validations/auth'
import { hashPassword } from './password'

// Serialises changes that must keep "at least one admin" true.
const USERS_LOCK = 7_100_310_202

export type PublicUser = Pick<User, 'id' | 'email' | 'role' | 'createdAt'>
/** The columns of a user that may be shown, also for queries joining users to credentials. */
export const publicColumns = {
  id: users.id,
  email: users.email,
  role: users.role,
  createdAt: users.createdAt,
}

export async function hasUsers(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users)
  return (row?.n ?? 0) > 0
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()))
  return row
}

export const listUsers = (db: Db): Promise<PublicUser[]> =>
  db.select(publicColumns).from(users).orderBy(asc(users.email))

export async function createUser(
  db: Db,
  input: { email: string; password: string; role: Role },
): Promise<PublicUser> {
  const [row] = await db
    .insert(users)
    .values({
      email: input.email.toLowerCase(),
      passwordHash: await hashPassword(input.password),
      role: input.role,
    })
    .returning(publicColumns)
  return row!
}

/**
 * Creates the first admin only while no user exists, atomically, so two browsers racing
 * through /setup cannot both become admin.
 */
export async function createFirstAdmin(
  db: Db,
  input: { email: string; password: string },
): Promise<PublicUser | null> {
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (tx) => {
    // Without the lock, two READ COMMITTED inserts could both see an empty table.
    await tx.execute(sql`select pg_advisory_xact_lock(${USERS_LOCK})`)
    const [existing] = await tx.select({ n: count() }).from(users)
    if ((existing?.n ?? 0) > 0) return null
    const [row] = await tx
      .insert(users)
      .values({ email: input.email.toLowerCase(), passwordHash, role: 'admin' })
      .returning(publicColumns)
    return row ?? null
  })
}

/** ADMIN_EMAIL + ADMIN_PASSWORD at start-up: create that admin, or reset its password and role. */
export async function ensureAdmin(db: Db, email: string, password: string) {
  const passwordHash = await hashPassword(password)
  const [row] = await db
    .insert(users)
    .values({ email: email.toLowerCase(), passwordHash, role: 'admin' })
    .onConflictDoUpdate({ target: users.email, set: { passwordHash, role: 'admin' } })
    .returning({ id: users.id })
  // A reset password ends every session signed in with the old one.
  await db.delete(sessions).where(eq(sessions.userId, row!.id))
}

export type UserChangeProblem = 'not_found' | 'last_admin'

async function otherAdmins(db: Db, userId: number) {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(sql`${users.role} = 'admin' and ${users.id} <> ${userId}`)
  return row?.n ?? 0
}

export async function changeRole(
  db: Db,
  userId: number,
  role: Role,
): Promise<PublicUser | UserChangeProblem> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${USERS_LOCK})`)
    if (role !== 'admin' && (await otherAdmins(tx as unknown as Db, userId)) === 0)
      return 'last_admin' as const
    const [row] = await tx
      .update(users)
      .set({ role })
      .where(eq(users.id, userId))
      .returning(publicColumns)
    return row ?? ('not_found' as const)
  })
}

export async function removeUser(db: Db, userId: number): Promise<PublicUser | UserChangeProblem> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${USERS_LOCK})`)
    if ((await otherAdmins(tx as unknown as Db, userId)) === 0) {
      const [target] = await tx.select(publicColumns).from(users).where(eq(users.id, userId))
      if (!target) return 'not_found' as const
      if (target.role === 'admin') return 'last_admin' as const
    }
    // Sessions go with the user (foreign key cascade), which signs them out at once.
    const [row] = await tx.delete(users).where(eq(users.id, userId)).returning(publicColumns)
    return row ?? ('not_found' as const)
  })
}
