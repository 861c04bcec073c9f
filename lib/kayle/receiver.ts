import 'server-only'
import { webHandler, type Incoming } from '../webhooks/incoming'
import { receiverDeps } from '../webhooks/receiver-deps'
import { createSecretCache } from '../webhooks/receiver-secrets'
import { answerOptions } from '../webhooks/receivers'
import { receiveKayleDelivery } from './receive'
import { privateKeys, signingSecrets } from './vault'

const deps = receiverDeps('kayle', (db) => ({
  secrets: createSecretCache(() => signingSecrets(db)),
  keys: createSecretCache(() => privateKeys(db)),
}))
const receive = async (req: Incoming) => receiveKayleDelivery(req, await deps())

/** Kayle's receiver: the route file exports OPTIONS and POST; server.mjs calls `receive`. */
export const kayleReceiver = { OPTIONS: answerOptions, POST: webHandler(receive), receive }
