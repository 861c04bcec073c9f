import 'server-only'
import { getDb } from '../../db'
import { env } from '../../env'
import { sandboxBaseUrl } from '../sandbox'
import { taintForever } from '../konpro/taint'
import { createKayleClient, type KayleClient } from './client'
import { isKayleSandbox } from './mode'
import { kayleSandboxApiKey } from './sandbox/store'

export { isKayleSandbox } from './mode'

export const KAYLE_SANDBOX_API_PATH = '/api/sandbox/kayle'

/** The Kayle client for this deployment: the real API with the configured key, or the sandbox over HTTP. */
export async function getKayle(): Promise<KayleClient> {
  const config = env()
  if (!isKayleSandbox()) {
    const apiKey = config.KAYLE_API_KEY!
    taintForever('The Kayle API key must never reach a browser.', apiKey)
    return createKayleClient({ baseUrl: config.KAYLE_API_BASE_URL, apiKey })
  }
  const apiKey = await kayleSandboxApiKey(await getDb())
  taintForever('The Kayle sandbox API key must never reach a browser.', apiKey)
  return createKayleClient({ baseUrl: sandboxBaseUrl(KAYLE_SANDBOX_API_PATH), apiKey })
}
