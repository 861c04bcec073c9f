import 'server-only'
import { env } from '../env'

/** Where this process can reach its own sandbox routes under `apiPath`. */
export function sandboxBaseUrl(apiPath: string): string {
  // The server (server.mjs or `next start`) puts its port in PORT; loopback avoids public DNS and TLS.
  const port = process.env.PORT ?? String(env().PORT)
  return `http://127.0.0.1:${port}${apiPath}`
}

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]']

/**
 * Providers deliver only to https; their sandboxes also take plain http on this machine. Null when
 * `value` passes, else the problem (`httpsProblem` in the provider's own words).
 */
export function deliveryUrlProblem(value: string, httpsProblem: string): string | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'url must be an absolute URL'
  }
  if (url.protocol === 'https:') return null
  if (url.protocol === 'http:' && LOOPBACK.includes(url.hostname)) return null
  return httpsProblem
}
