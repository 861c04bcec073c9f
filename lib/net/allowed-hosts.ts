import 'server-only'
import { asc, eq } from 'drizzle-orm'
import type { Db } from '../db/client'
import { outboundAllowedHosts, type OutboundAllowedHost } from '../db/schema'
import type { OutboundHost } from '../validations/outbound-host'
import type { AllowedHost } from './address-policy'

// The hosts admins allow under Settings. Outbound requests read the list each time they need it
// (a few rows, one indexed scan): a change applies at once on every instance, with no cache to
// invalidate.

export function listAllowedHosts(db: Db): Promise<OutboundAllowedHost[]> {
  return db
    .select()
    .from(outboundAllowedHosts)
    .orderBy(asc(outboundAllowedHosts.hostname), asc(outboundAllowedHosts.port))
}

/** Just what the outbound policy compares. */
export function allowedHostsForPolicy(db: Db): Promise<AllowedHost[]> {
  return db
    .select({ hostname: outboundAllowedHosts.hostname, port: outboundAllowedHosts.port })
    .from(outboundAllowedHosts)
}

/** Adds a host, or answers null when that host and port are listed already. */
export async function addAllowedHost(
  db: Db,
  host: OutboundHost,
  createdBy: string | null,
): Promise<OutboundAllowedHost | null> {
  const [row] = await db
    .insert(outboundAllowedHosts)
    .values({ hostname: host.hostname, port: host.port, createdBy })
    .onConflictDoNothing()
    .returning()
  return row ?? null
}

/** Removes one entry by id; null when it was gone already. */
export async function removeAllowedHost(db: Db, id: number): Promise<OutboundAllowedHost | null> {
  const [row] = await db
    .delete(outboundAllowedHosts)
    .where(eq(outboundAllowedHosts.id, id))
    .returning()
  return row ?? null
}
