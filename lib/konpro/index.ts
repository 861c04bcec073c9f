import 'server-only'
import { getDb } from '../db'
import { env } from '../env'
import { createKonproClient, type KonproClient } from './client'
import { isSandbox } from './mode'
import { sandboxApiKey } from './sandbox/store'
import { taintForever } from './taint'

export const SANDBOX_API_PATH = '/api/sandbox/konpro'

/** Where this process can reach its own sandbox routes. */
function sandboxBaseUrl(): string {
  // `next start` puts its port in PORT once listening; loopback avoids public DNS and TLS.
  const port = process.env.PORT ?? String(env().PORT)
  return `http://127.0.0.1:${port}${SANDBOX_API_PATH}`
}

/** The KonPro client for this deployment: the real API with the stored key, or the sandbox over HTTP. */
export async function getKonpro(): Promise<KonproClient> {
  const config = env()
  if (!isSandbox()) {
    const apiKey = config.KONPRO_API_KEY!
    taintForever('The KonPro API key must never reach a browser.', apiKey)
    return createKonproClient({ baseUrl: config.KONPRO_API_BASE_URL, apiKey })
  }
  const apiKey = await sandboxApiKey(await getDb())
  taintForever('The sandbox API key must never reach a browser.', apiKey)
  return createKonproClient({ baseUrl: sandboxBaseUrl(), apiKey })
}
