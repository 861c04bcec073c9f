import 'server-only'
import { and, count, desc, eq, gt, ilike, lt, or, sql } from 'drizzle-orm'
import type { Db } from './db/client'
import { auditLog, type AuditEntry } from './db/schema'

export interface Actor {
  id: number | null
  email: string | null
  ip: string | null
}

/** Appends one entry. Callers pass names and ids only: never a secret or the API key. */
export async function recordAudit(
  db: Db,
  actor: Actor,
  action: string,
  target?: string | null,
  details?: Record<string, unknown>,
) {
  await db.insert(auditLog).values({
    actorId: actor.id,
    actorEmail: actor.email,
    ip: actor.ip,
    action,
    target: target ?? null,
    details: details ?? null,
  })
}

export async function listAudit(
  db: Db,
  filters: { action: string; actor: string; before?: number },
  limit = 100,
): Promise<AuditEntry[]> {
  const escape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        filters.action ? eq(auditLog.action, filters.action) : undefined,
        filters.actor
          ? or(
              ilike(auditLog.actorEmail, `%${escape(filters.actor)}%`),
              ilike(auditLog.ip, `%${escape(filters.actor)}%`),
            )
          : undefined,
        filters.before ? lt(auditLog.id, filters.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(limit)
}

export const auditActions = async (db: Db) =>
  (
    await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action)
  ).map((r) => r.action)

/** Failed sign-ins in the last minute for an address and for an email (the lockout counts these). */
export async function recentSignInFailures(
  db: Db,
  ip: string | null,
  email: string,
  windowMs = 60_000,
) {
  const since = new Date(Date.now() - windowMs)
  const failed = and(eq(auditLog.action, 'auth.sign_in_failed'), gt(auditLog.at, since))
  const [byIp] = ip
    ? await db
        .select({ n: count(), oldest: sql<string>`min(${auditLog.at})` })
        .from(auditLog)
        .where(and(failed, eq(auditLog.ip, ip)))
    : [undefined]
  const [byEmail] = await db
    .select({ n: count(), oldest: sql<string>`min(${auditLog.at})` })
    .from(auditLog)
    .where(and(failed, eq(auditLog.actorEmail, email)))
  return { byIp: byIp ?? { n: 0, oldest: null }, byEmail: byEmail ?? { n: 0, oldest: null } }
}
