import 'server-only'
import { getOpenDatabase } from '../db'
import { env } from '../env'
import type { AnyProviderDefinition } from '../providers/registry'
import { processSingleton } from '../runtime'
import { answerOptions, webHandler, type Incoming } from './incoming'
import { receiveDelivery, type ReceiverDeps } from './receive'
import { createRateLimiter, createSecretCache } from './receiver-state'
import { createEventWriter } from '../events/writer'

/**
 * What every provider's receiver shares in this process: one writer queue (one group commit for
 * every delivery) and one per-address limit. The database comes as soon as it is open: a
 * receiver never waits for migrations.
 */
const shared = () =>
  processSingleton('receiver.shared', () =>
    getOpenDatabase().then(({ db }) => {
      const config = env()
      return {
        db,
        writer: createEventWriter(db),
        limiter: createRateLimiter(config.RECEIVER_RATE_LIMIT_PER_MINUTE),
        maxBodyBytes: config.RECEIVER_MAX_BODY_BYTES,
      }
    }),
  )

/** One provider's receiver dependencies: the shared ones plus its own cached secrets and keys. */
function depsFor(definition: AnyProviderDefinition): Promise<ReceiverDeps> {
  return processSingleton(`receiver.${definition.catalog.id}`, () =>
    shared().then((base) => ({
      ...base,
      secrets: createSecretCache(() => definition.secrets(base.db)),
      ...(definition.open ? { keys: createSecretCache(() => definition.open!.keys(base.db)) } : {}),
    })),
  )
}

/** A provider's receiver: route files export OPTIONS and POST; the fast path calls `receive`. */
export function receiverFor(definition: AnyProviderDefinition) {
  const receive = async (req: Incoming) =>
    receiveDelivery(definition, req, await depsFor(definition))
  return { OPTIONS: answerOptions, POST: webHandler(receive), receive }
}
