import 'server-only'
import { randomBytes } from 'node:crypto'
import { desc, eq, sql } from 'drizzle-orm'
import { seal, unseal } from '../../crypto/seal'
import type { Db } from '../../db/client'
import { kayleKeys, kayleSecrets } from '../../db/schema'
import type { KayleClient } from './client'
import { KayleError } from './errors'
import { generateEncryptionKey, type KaylePrivateKey } from './jwe'
import type { KayleSigningSecret } from './signature'

// What the console keeps for Kayle: each endpoint's signing secret (to verify deliveries) and its
// encryption key pairs (to decrypt them). Secrets and private keys are sealed at rest; the purpose
// names the slot, so a sealed value copied into another row does not open.

const secretPurpose = (endpointId: string) => `kayle-signing-secret:${endpointId}`
const keyPurpose = (keyId: string) => `kayle-private-key:${keyId}`

/** A stored key pair without its private half: safe to show. */
export interface StoredKayleKey {
  keyId: string
  endpointId: string
  publicJwk: JsonWebKey
  active: boolean
  createdAt: Date
  deactivatedAt: Date | null
}

/** Keeps (or replaces) an endpoint's signing secret, e.g. after create, reveal or rotate. */
export async function storeSigningSecret(
  db: Db,
  endpointId: string,
  secret: string,
): Promise<void> {
  const secretSealed = seal(secret, secretPurpose(endpointId))
  await db
    .insert(kayleSecrets)
    .values({ endpointId, secretSealed })
    .onConflictDoUpdate({
      target: kayleSecrets.endpointId,
      set: { secretSealed, updatedAt: new Date() },
    })
}

export async function hasSigningSecret(db: Db, endpointId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: kayleSecrets.endpointId })
    .from(kayleSecrets)
    .where(eq(kayleSecrets.endpointId, endpointId))
  return !!row
}

/** Every stored signing secret, opened, for the receiver. Rows that no longer open are skipped. */
export async function signingSecrets(db: Db): Promise<KayleSigningSecret[]> {
  const rows = await db.select().from(kayleSecrets)
  return rows.flatMap((row) => {
    const secret = tryUnseal(
      row.secretSealed,
      secretPurpose(row.endpointId),
      `signing secret of ${row.endpointId}`,
    )
    return secret === null ? [] : [{ endpointId: row.endpointId, secret }]
  })
}

/**
 * Makes a key pair for an endpoint and registers its public half with Kayle; the private half is
 * stored (sealed) only once Kayle accepted the key, so a failed registration leaves nothing behind.
 */
export async function createEndpointKey(
  db: Db,
  client: Pick<KayleClient, 'registerKey'>,
  endpointId: string,
): Promise<StoredKayleKey> {
  const keyId = `key_${randomBytes(12).toString('hex')}`
  const { publicJwk, privateJwk } = await generateEncryptionKey()
  const published = { ...publicJwk, kid: keyId } as JsonWebKey
  const registered = await client.registerKey(endpointId, {
    keyId,
    jwk: { ...published, alg: 'RSA-OAEP-256', use: 'enc' },
  })
  const [row] = await db
    .insert(kayleKeys)
    .values({
      keyId,
      endpointId,
      publicJwk: published,
      privateKeySealed: seal(JSON.stringify(privateJwk), keyPurpose(keyId)),
      active: registered.isActive,
    })
    .returning()
  return publicView(row!)
}

export interface RotatedKey {
  key: StoredKayleKey
  /** The caller's key ids (`kid`) deactivated at Kayle because the new key replaced them. */
  deactivated: string[]
  /** Keys still active at Kayle because deactivating them failed, each with Kayle's message. */
  stillActive: Array<{ keyId: string; message: string }>
}

/**
 * encryption.mdx, "Rotating keys": register the new key (created active, used at once), then
 * deactivate the previous one, which stays registered so history still decrypts. Kayle does not
 * deactivate it by itself, and with two active keys the one it picks is undefined. The new key
 * goes first, so there is never a moment without an active key.
 */
export async function rotateEndpointKey(
  db: Db,
  client: Pick<KayleClient, 'registerKey' | 'listAllKeys' | 'deactivateKey'>,
  endpointId: string,
): Promise<RotatedKey> {
  const key = await createEndpointKey(db, client, endpointId)
  const { deactivated, stillActive } = await deactivateOthers(db, client, endpointId, key.keyId)
  return { key, deactivated, stillActive }
}

/** Deactivates at Kayle (and here) every active key of the endpoint except `keepKeyId`. */
async function deactivateOthers(
  db: Db,
  client: Pick<KayleClient, 'listAllKeys' | 'deactivateKey'>,
  endpointId: string,
  keepKeyId: string,
) {
  const others = (await client.listAllKeys(endpointId)).filter(
    (k) => k.isActive && k.keyId !== keepKeyId,
  )
  const deactivated: string[] = []
  const stillActive: Array<{ keyId: string; message: string }> = []
  for (const other of others) {
    try {
      await client.deactivateKey(other.id)
      await db
        .update(kayleKeys)
        .set({ active: false, deactivatedAt: sql`coalesce(${kayleKeys.deactivatedAt}, now())` })
        .where(eq(kayleKeys.keyId, other.keyId))
      deactivated.push(other.keyId)
    } catch (error) {
      stillActive.push({
        keyId: other.keyId,
        message: error instanceof Error ? error.message : 'Kayle did not deactivate it.',
      })
    }
  }
  return { deactivated, stillActive }
}

/**
 * Kayle's own id (`whk_...`) for a key the console registered under `keyId`: deactivate and
 * reactivate take that id, and the console stores only its own, so it is looked up at Kayle.
 */
async function kayleKeyIdOf(
  client: Pick<KayleClient, 'listAllKeys'>,
  endpointId: string,
  keyId: string,
): Promise<string> {
  const key = (await client.listAllKeys(endpointId)).find((k) => k.keyId === keyId)
  if (!key)
    throw new KayleError(
      'not_found',
      `Kayle has no key ${keyId} on this endpoint any more. Create a new key.`,
      { status: 404 },
    )
  return key.id
}

/**
 * Deactivates a key at Kayle, then here. The private half is kept: deliveries already encrypted
 * for it (and retried later) must still open. Any Kayle failure, a 404 included, is thrown and
 * nothing changes here: showing a key inactive while Kayle still encrypts to it would mislead.
 */
export async function deactivateEndpointKey(
  db: Db,
  client: Pick<KayleClient, 'listAllKeys' | 'deactivateKey'>,
  keyId: string,
): Promise<StoredKayleKey | null> {
  return setKeyActive(db, client, keyId, false)
}

/**
 * Makes a deactivated key the active one again, at Kayle and here, then deactivates the other
 * active keys: encryption.mdx says only one key should be active, the pick between two undefined.
 */
export async function reactivateEndpointKey(
  db: Db,
  client: Pick<KayleClient, 'listAllKeys' | 'reactivateKey' | 'deactivateKey'>,
  keyId: string,
): Promise<(StoredKayleKey & Omit<RotatedKey, 'key'>) | null> {
  const key = await setKeyActive(db, client, keyId, true)
  if (!key) return null
  return { ...key, ...(await deactivateOthers(db, client, key.endpointId, key.keyId)) }
}

async function setKeyActive(
  db: Db,
  client: Partial<Pick<KayleClient, 'deactivateKey' | 'reactivateKey'>> &
    Pick<KayleClient, 'listAllKeys'>,
  keyId: string,
  active: boolean,
): Promise<StoredKayleKey | null> {
  const [stored] = await db.select().from(kayleKeys).where(eq(kayleKeys.keyId, keyId))
  if (!stored) return null
  const kayleId = await kayleKeyIdOf(client, stored.endpointId, keyId)
  const answer = active
    ? await client.reactivateKey!(kayleId)
    : await client.deactivateKey!(kayleId)
  const [row] = await db
    .update(kayleKeys)
    .set(
      answer.isActive
        ? { active: true, deactivatedAt: null }
        : { active: false, deactivatedAt: sql`coalesce(${kayleKeys.deactivatedAt}, now())` },
    )
    .where(eq(kayleKeys.keyId, keyId))
    .returning()
  return row ? publicView(row) : null
}

/** An endpoint's keys, newest first, without private material. */
export async function keysForEndpoint(db: Db, endpointId: string): Promise<StoredKayleKey[]> {
  const rows = await db
    .select()
    .from(kayleKeys)
    .where(eq(kayleKeys.endpointId, endpointId))
    .orderBy(desc(kayleKeys.createdAt))
  return rows.map(publicView)
}

/** endpointId -> number of active keys (endpoints without one receive nothing from Kayle). */
export async function activeKeyCounts(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .select({ endpointId: kayleKeys.endpointId, count: sql<number>`count(*)::int` })
    .from(kayleKeys)
    .where(eq(kayleKeys.active, true))
    .groupBy(kayleKeys.endpointId)
  return Object.fromEntries(rows.map((r) => [r.endpointId, Number(r.count)]))
}

/** Every private key, opened, active ones first, for the receiver (old keys still open old deliveries). */
export async function privateKeys(
  db: Db,
): Promise<Array<KaylePrivateKey & { endpointId: string; active: boolean }>> {
  const rows = await db
    .select()
    .from(kayleKeys)
    .orderBy(desc(kayleKeys.active), desc(kayleKeys.createdAt))
  return rows.flatMap((row) => {
    const text = tryUnseal(row.privateKeySealed, keyPurpose(row.keyId), `private key ${row.keyId}`)
    if (text === null) return []
    return [
      {
        keyId: row.keyId,
        endpointId: row.endpointId,
        active: row.active,
        privateJwk: JSON.parse(text) as JsonWebKey,
      },
    ]
  })
}

/** Forgets an endpoint's secret and keys, once the endpoint is deleted at Kayle. */
export async function forgetEndpoint(db: Db, endpointId: string): Promise<void> {
  await db.delete(kayleSecrets).where(eq(kayleSecrets.endpointId, endpointId))
  await db.delete(kayleKeys).where(eq(kayleKeys.endpointId, endpointId))
}

function publicView(row: typeof kayleKeys.$inferSelect): StoredKayleKey {
  return {
    keyId: row.keyId,
    endpointId: row.endpointId,
    publicJwk: row.publicJwk,
    active: row.active,
    createdAt: row.createdAt,
    deactivatedAt: row.deactivatedAt,
  }
}

function tryUnseal(sealed: string, purpose: string, what: string): string | null {
  try {
    return unseal(sealed, purpose)
  } catch {
    // AUTH_SECRET changed or the row was altered: say which row, never its contents.
    console.warn(
      `Kayle vault: the stored ${what} does not open with the current AUTH_SECRET; skipping it.`,
    )
    return null
  }
}
