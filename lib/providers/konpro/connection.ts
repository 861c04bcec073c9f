import 'server-only'
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { unseal, seal } from '../../crypto/seal'
import { getDb } from '../../db'
import type { Db } from '../../db/client'
import { settings } from '../../db/schema'
import { env } from '../../env'

const STORED_KEY = 'konpro.apiKey'
const PURPOSE = 'konpro-api-key'
const CACHE_MS = 5_000

/**
 * Where the KonPro API key comes from. The environment wins; otherwise an admin may store one from
 * Settings (sealed at rest); with neither, the console runs on its built-in sandbox.
 */
export type KonproConnection =
  | { source: 'env'; apiKey: string; last4: string }
  | { source: 'stored'; apiKey: string; last4: string }
  // Sealed under another AUTH_SECRET: it must be stored again.
  | { source: 'unreadable' }
  | { source: 'sandbox' }

const storedSchema = z.object({ sealed: z.string(), last4: z.string() })
// Per database handle, so a few seconds' reuse never crosses databases.
const cache = new WeakMap<Db, { at: number; value: z.infer<typeof storedSchema> | null }>()

async function readStored(db: Db) {
  const hit = cache.get(db)
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value
  const [row] = await db.select().from(settings).where(eq(settings.key, STORED_KEY))
  const parsed = storedSchema.safeParse(row?.value)
  const value = parsed.success ? parsed.data : null
  cache.set(db, { at: Date.now(), value })
  return value
}

export const lastFour = (key: string) => key.slice(-4)

export async function konproConnection(db?: Db): Promise<KonproConnection> {
  const fromEnv = env().KONPRO_API_KEY
  if (fromEnv) return { source: 'env', apiKey: fromEnv, last4: lastFour(fromEnv) }
  const stored = await readStored(db ?? (await getDb()))
  if (!stored) return { source: 'sandbox' }
  try {
    return { source: 'stored', apiKey: unseal(stored.sealed, PURPOSE), last4: stored.last4 }
  } catch {
    return { source: 'unreadable' }
  }
}

export async function storeApiKey(db: Db, apiKey: string) {
  const value = { sealed: seal(apiKey, PURPOSE), last4: lastFour(apiKey) }
  await db
    .insert(settings)
    .values({ key: STORED_KEY, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } })
  cache.delete(db)
}

export async function removeStoredApiKey(db: Db) {
  await db.delete(settings).where(eq(settings.key, STORED_KEY))
  cache.delete(db)
}
