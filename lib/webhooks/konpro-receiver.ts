import 'server-only'
import { webHandler, type Incoming } from './incoming'
import { receiveDelivery } from './receive'
import { receiverDeps } from './receiver-deps'
import { createSecretCache, konproReceiverSecrets } from './receiver-secrets'
import { answerOptions } from './receivers'

const deps = receiverDeps('konpro', () => ({ secrets: createSecretCache(konproReceiverSecrets) }))
const receive = async (req: Incoming) => receiveDelivery(req, await deps())

/** KonPro's receiver: the route file exports OPTIONS and POST; server.mjs calls `receive`. */
export const konproReceiver = { OPTIONS: answerOptions, POST: webHandler(receive), receive }
