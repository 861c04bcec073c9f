import 'server-only'
import { randomBytes } from 'node:crypto'
import { asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { deleteWhere, rowWhere, settingMadeOnce } from '../../sandbox'
import { sandboxEndpoints, type SandboxEndpoint } from '../../../db/schema'

const SANDBOX_KEY = 'sandbox.apiKey'
export const SANDBOX_USERNAME = 'sandbox'

/** The sandbox's own API key, made once and kept in the database (the console sends it like a real key). */
export async function sandboxApiKey(db: Db): Promise<string> {
  const fresh = () => `sbx_${randomBytes(24).toString('base64url')}`
  return (await settingMadeOnce(db, SANDBOX_KEY, fresh)) as string
}

export const listSandboxEndpoints = (db: Db) =>
  db.select().from(sandboxEndpoints).orderBy(asc(sandboxEndpoints.createdAt))

export const getSandboxEndpoint = (
  db: Db,
  endpointId: string,
): Promise<SandboxEndpoint | undefined> =>
  rowWhere(db, sandboxEndpoints, eq(sandboxEndpoints.endpointId, endpointId))

export async function insertSandboxEndpoint(
  db: Db,
  input: { url: string; events: string[] | null; entityId?: string | null },
) {
  const [row] = await db
    .insert(sandboxEndpoints)
    .values({
      endpointId: `webhook_${randomBytes(8).toString('hex')}`,
      url: input.url,
      secret: `whsec_${randomBytes(24).toString('base64url')}`,
      events: input.events,
      entityId: input.entityId ?? null,
      username: SANDBOX_USERNAME,
    })
    .returning()
  return row!
}

export async function updateSandboxEndpoint(
  db: Db,
  endpointId: string,
  patch: { url?: string; events?: string[] | null },
) {
  const [row] = await db
    .update(sandboxEndpoints)
    .set(patch)
    .where(eq(sandboxEndpoints.endpointId, endpointId))
    .returning()
  return row
}

export const deleteSandboxEndpoint = (db: Db, endpointId: string): Promise<boolean> =>
  deleteWhere(db, sandboxEndpoints, eq(sandboxEndpoints.endpointId, endpointId))

/** Enabled endpoints subscribed to `eventType` (an empty or null list means every event). */
export const subscribersOf = (db: Db, eventType: string) =>
  db
    .select()
    .from(sandboxEndpoints)
    .where(
      sql`${sandboxEndpoints.status} = 'enabled' and (${sandboxEndpoints.events} is null or jsonb_array_length(${sandboxEndpoints.events}) = 0 or ${sandboxEndpoints.events} ? ${eventType})`,
    )
    .orderBy(asc(sandboxEndpoints.createdAt))

/** The endpoint as KonPro's API answers it. */
export function toKonproJson(row: SandboxEndpoint) {
  return {
    endpoint_id: row.endpointId,
    url: row.url,
    secret: row.secret,
    status: row.status,
    events: row.events ?? [],
    username: row.username,
    created_at: row.createdAt.toISOString(),
    ...(row.entityId ? { entity_id: row.entityId } : {}),
  }
}
