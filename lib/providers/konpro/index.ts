import 'server-only'
import { getDb } from '../../db'
import { env } from '../../env'
import { sandboxBaseUrl } from '../sandbox'
import { createKonproClient, type KonproClient } from './client'
import { konproConnection } from './connection'
import { KonproError } from './errors'
import { sandboxApiKey } from './sandbox/store'
import { taintForever } from './taint'

export const SANDBOX_API_PATH = '/api/sandbox/konpro'

/** The KonPro client for this deployment: the real API with the configured key, or the sandbox over HTTP. */
export async function getKonpro(): Promise<KonproClient> {
  const db = await getDb()
  const connection = await konproConnection(db)
  if (connection.source === 'unreadable') {
    throw new KonproError(
      'unauthorized',
      'The stored KonPro API key can no longer be read (AUTH_SECRET has changed). An admin can store it again in Settings.',
    )
  }
  if (connection.source !== 'sandbox') {
    taintForever('The KonPro API key must never reach a browser.', connection.apiKey)
    return createKonproClient({
      baseUrl: env().KONPRO_API_BASE_URL,
      apiKey: connection.apiKey,
      keySource: connection.source,
    })
  }
  const apiKey = await sandboxApiKey(db)
  taintForever('The sandbox API key must never reach a browser.', apiKey)
  return createKonproClient({ baseUrl: sandboxBaseUrl(SANDBOX_API_PATH), apiKey })
}
