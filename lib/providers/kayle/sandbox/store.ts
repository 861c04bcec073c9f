import 'server-only'
import { createHash, randomBytes } from 'node:crypto'
import { and, asc, desc, eq, gt } from 'drizzle-orm'
import { seal, unseal } from '../../../crypto/seal'
import type { Db } from '../../../db/client'
import { deleteWhere, rowWhere, settingMadeOnce } from '../../sandbox'
import {
  kayleSandboxEndpoints,
  kayleSandboxKeys,
  settings,
  type KayleSandboxEndpoint,
  type KayleSandboxKey,
} from '../../../db/schema'

const API_KEY_SETTING = 'kayle.sandbox.apiKey'
const API_KEY_PURPOSE = 'kayle-sandbox-api-key'
export const SANDBOX_ORGANIZATION_ID = 'org_sandbox'

const random = (bytes: number) => randomBytes(bytes).toString('hex')
const secretPurpose = (endpointId: string) => `kayle-sandbox-signing-secret:${endpointId}`
const newSigningSecret = () => `whsec_${randomBytes(32).toString('base64url')}`

/**
 * The sandbox's own API key, made once and kept (sealed) in the settings table; the console sends
 * it as a Bearer token like a real key. A key sealed under an older AUTH_SECRET is replaced.
 */
export async function kayleSandboxApiKey(db: Db): Promise<string> {
  const fresh = () => ({
    sealed: seal(`ksbx_${randomBytes(24).toString('base64url')}`, API_KEY_PURPOSE),
  })
  const stored = await settingMadeOnce(db, API_KEY_SETTING, fresh)
  try {
    return unseal((stored as { sealed: string }).sealed, API_KEY_PURPOSE)
  } catch {
    const value = fresh()
    await db
      .update(settings)
      .set({ value, updatedAt: new Date() })
      .where(eq(settings.key, API_KEY_SETTING))
    return unseal(value.sealed, API_KEY_PURPOSE)
  }
}

export interface SandboxEndpointFields {
  url: string
  name?: string | null
  labels?: string[]
  enabled?: boolean
  subscribedEventTypes?: string[]
  retentionHours?: number
}

export async function insertEndpoint(
  db: Db,
  input: SandboxEndpointFields,
): Promise<{ row: KayleSandboxEndpoint; signingSecret: string }> {
  const id = `whe_${random(8)}`
  const signingSecret = newSigningSecret()
  const enabled = input.enabled ?? true
  const [row] = await db
    .insert(kayleSandboxEndpoints)
    .values({
      id,
      organizationId: SANDBOX_ORGANIZATION_ID,
      name: input.name ?? null,
      labels: input.labels ?? [],
      url: input.url,
      enabled,
      subscribedEventTypes: input.subscribedEventTypes ?? [],
      retentionHours: input.retentionHours ?? 72,
      secretSealed: seal(signingSecret, secretPurpose(id)),
      disabledAt: enabled ? null : new Date(),
    })
    .returning()
  return { row: row!, signingSecret }
}

/** The `seq` of an endpoint, for a `starting_after` cursor; undefined when no such endpoint exists. */
export async function endpointSeq(db: Db, id: string): Promise<number | undefined> {
  return (await getEndpoint(db, id))?.seq
}

/** One page in creation order; `after` is the `seq` of the previous page's last endpoint. */
export async function listEndpoints(
  db: Db,
  limit: number,
  after?: number,
  enabled?: boolean,
): Promise<{ rows: KayleSandboxEndpoint[]; hasMore: boolean }> {
  const rows = await db
    .select()
    .from(kayleSandboxEndpoints)
    .where(
      and(
        after === undefined ? undefined : gt(kayleSandboxEndpoints.seq, after),
        enabled === undefined ? undefined : eq(kayleSandboxEndpoints.enabled, enabled),
      ),
    )
    .orderBy(asc(kayleSandboxEndpoints.seq))
    .limit(limit + 1)
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit }
}

export const getEndpoint = (db: Db, id: string): Promise<KayleSandboxEndpoint | undefined> =>
  rowWhere(db, kayleSandboxEndpoints, eq(kayleSandboxEndpoints.id, id))

/** Applies the given fields; pausing sets `disabled_at`, enabling clears it. */
export async function updateEndpoint(
  db: Db,
  current: KayleSandboxEndpoint,
  patch: Partial<SandboxEndpointFields>,
) {
  const pausing = patch.enabled === false && current.enabled
  const resuming = patch.enabled === true && !current.enabled
  const [row] = await db
    .update(kayleSandboxEndpoints)
    .set({
      ...patch,
      updatedAt: new Date(),
      ...(pausing ? { disabledAt: new Date() } : resuming ? { disabledAt: null } : {}),
    })
    .where(eq(kayleSandboxEndpoints.id, current.id))
    .returning()
  return row
}

export async function deleteEndpoint(db: Db, id: string): Promise<boolean> {
  const removed = await deleteWhere(db, kayleSandboxEndpoints, eq(kayleSandboxEndpoints.id, id))
  await db.delete(kayleSandboxKeys).where(eq(kayleSandboxKeys.endpointId, id))
  return removed
}

export const signingSecretOf = (row: KayleSandboxEndpoint) =>
  unseal(row.secretSealed, secretPurpose(row.id))

export async function rotateSigningSecret(db: Db, id: string): Promise<string> {
  const signingSecret = newSigningSecret()
  await db
    .update(kayleSandboxEndpoints)
    .set({ secretSealed: seal(signingSecret, secretPurpose(id)), updatedAt: new Date() })
    .where(eq(kayleSandboxEndpoints.id, id))
  return signingSecret
}

/**
 * Kayle's own id for a key (`whk_...`), which deactivate and reactivate take. Derived from the
 * caller's key_id (unique in this table), so the sandbox needs no column for it.
 */
export const kayleKeyIdOf = (row: Pick<KayleSandboxKey, 'keyId'>) =>
  `whk_${createHash('sha256').update(row.keyId).digest('hex').slice(0, 24)}`

/** The key with Kayle's id `whk_...`. */
export async function keyByKayleId(db: Db, kayleId: string): Promise<KayleSandboxKey | undefined> {
  if (!/^whk_[0-9a-f]{24}$/.test(kayleId)) return undefined
  return (await db.select().from(kayleSandboxKeys)).find((row) => kayleKeyIdOf(row) === kayleId)
}

export async function listKeys(
  db: Db,
  endpointId: string,
  isActive: boolean | undefined,
): Promise<KayleSandboxKey[]> {
  const rows = await db
    .select()
    .from(kayleSandboxKeys)
    .where(eq(kayleSandboxKeys.endpointId, endpointId))
    .orderBy(asc(kayleSandboxKeys.createdAt))
  return isActive === undefined ? rows : rows.filter((r) => (r.status === 'active') === isActive)
}

/** Reactivates (or deactivates) a key by Kayle's id. */
export async function setKeyActive(
  db: Db,
  kayleId: string,
  active: boolean,
): Promise<KayleSandboxKey | undefined> {
  const current = await keyByKayleId(db, kayleId)
  if (!current) return undefined
  const [row] = await db
    .update(kayleSandboxKeys)
    .set(
      active
        ? { status: 'active', deactivatedAt: null }
        : { status: 'inactive', deactivatedAt: current.deactivatedAt ?? new Date() },
    )
    .where(eq(kayleSandboxKeys.keyId, current.keyId))
    .returning()
  return row
}

export async function getKey(db: Db, keyId: string): Promise<KayleSandboxKey | undefined> {
  const [row] = await db.select().from(kayleSandboxKeys).where(eq(kayleSandboxKeys.keyId, keyId))
  return row
}

/** Null when the key id is already taken. */
export async function insertKey(
  db: Db,
  input: { keyId: string; endpointId: string; publicJwk: JsonWebKey },
): Promise<KayleSandboxKey | null> {
  const [row] = await db.insert(kayleSandboxKeys).values(input).onConflictDoNothing().returning()
  return row ?? null
}

export async function deactivateKey(db: Db, keyId: string): Promise<KayleSandboxKey | undefined> {
  const current = await getKey(db, keyId)
  if (!current || current.status === 'inactive') return current
  const [row] = await db
    .update(kayleSandboxKeys)
    .set({ status: 'inactive', deactivatedAt: new Date() })
    .where(eq(kayleSandboxKeys.keyId, keyId))
    .returning()
  return row
}

/** The key deliveries are encrypted for: the newest active one. */
export async function activeKeyOf(
  db: Db,
  endpointId: string,
): Promise<KayleSandboxKey | undefined> {
  const [row] = await db
    .select()
    .from(kayleSandboxKeys)
    .where(and(eq(kayleSandboxKeys.endpointId, endpointId), eq(kayleSandboxKeys.status, 'active')))
    .orderBy(desc(kayleSandboxKeys.createdAt))
    .limit(1)
  return row
}

/** The endpoint as Kayle's API answers it. */
export function endpointJson(row: KayleSandboxEndpoint) {
  return {
    id: row.id,
    organization_id: row.organizationId,
    name: row.name,
    labels: row.labels,
    url: row.url,
    enabled: row.enabled,
    subscribed_event_types: row.subscribedEventTypes,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    disabled_at: row.disabledAt?.toISOString() ?? null,
    undelivered_payload_retention_hours: row.retentionHours,
  }
}

/** The key as Kayle's document describes it ("Webhook Encryption Key"). */
export function keyJson(row: KayleSandboxKey) {
  const updated = row.deactivatedAt ?? row.createdAt
  return {
    id: kayleKeyIdOf(row),
    webhook_endpoint_id: row.endpointId,
    key_id: row.keyId,
    algorithm: 'RSA-OAEP-256',
    key_type: 'RSA',
    jwk: row.publicJwk,
    is_active: row.status === 'active',
    created_at: row.createdAt.toISOString(),
    updated_at: updated.toISOString(),
    disabled_at: row.status === 'active' ? null : (row.deactivatedAt?.toISOString() ?? null),
  }
}
