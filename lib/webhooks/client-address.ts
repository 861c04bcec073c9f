import type { HeaderReader } from './incoming'
/** The sender's address: the first X-Forwarded-For hop (set by the proxy in front), else X-Real-IP. */
export function clientAddress(headers: Pick<HeaderReader, 'get'>): string | null {
  return headers.get('x-forwarded-for')?.split(',')[0]?.trim() || headers.get('x-real-ip')?.trim() || null
}
