import 'server-only'
import { getOpenDatabase } from '../db'
import type { Db } from '../db/client'
import { env } from '../env'
import { createRateLimiter } from './rate-limit'
import { createEventWriter } from '../events/writer'

/** What every provider's receiver needs: storage, the per-address limit and the body limit. */
function receiverBase(db: Db) {
  const config = env()
  return {
    db,
    writer: createEventWriter(db),
    limiter: createRateLimiter(config.RECEIVER_RATE_LIMIT_PER_MINUTE),
    maxBodyBytes: config.RECEIVER_MAX_BODY_BYTES,
  }
}

/**
 * One set of receiver dependencies per process and provider, kept on globalThis so every route
 * bundle shares the same writer queue and limiter; `extra` adds the provider's secrets and keys.
 * The database comes as soon as it is open: a receiver never waits for migrations.
 */
export function receiverDeps<T extends object>(provider: string, extra: (db: Db) => T) {
  const key = Symbol.for(`konpro-console.receiver.${provider}`)
  type G = typeof globalThis & { [key]?: Promise<ReturnType<typeof receiverBase> & T> }
  return (): Promise<ReturnType<typeof receiverBase> & T> => {
    const g = globalThis as G
    g[key] ??= getOpenDatabase().then(({ db }) => ({ ...receiverBase(db), ...extra(db) }))
    return g[key]
  }
}
