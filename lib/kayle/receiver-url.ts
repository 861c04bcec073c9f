import 'server-only'
import { appOrigin } from '../webhooks/receiver-url'

export const KAYLE_RECEIVER_PATH = '/api/webhooks/kayle'

/** The URL to register with Kayle so its deliveries reach this console. */
export async function kayleReceiverUrl(): Promise<string> {
  return `${await appOrigin()}${KAYLE_RECEIVER_PATH}`
}
