import 'server-only'
import { headers } from 'next/headers'
import { env } from '../env'
import { PROVIDERS } from '../providers/catalog'

export const RECEIVER_PATH = PROVIDERS.konpro.receiverPath
export const KAYLE_RECEIVER_PATH = PROVIDERS.kayle.receiverPath

/** The console's own base URL: APP_URL when set, else the host the request came in on. */
export async function appOrigin(): Promise<string> {
  const configured = env().APP_URL
  if (configured) return configured.replace(/\/+$/, '')
  const h = await headers()
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? `localhost:${env().PORT}`
  const proto =
    h.get('x-forwarded-proto')?.split(',')[0]?.trim() ??
    (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https')
  return `${proto}://${host}`
}

export async function receiverUrl(path = RECEIVER_PATH): Promise<string> {
  return `${await appOrigin()}${path}`
}
