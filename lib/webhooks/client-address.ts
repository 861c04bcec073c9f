import { isIP } from 'node:net'
import type { HeaderReader } from './incoming'

// Longest text form of an IPv6 address with an IPv4 tail (45) plus room for a zone; anything
// longer is not an address and is not worth parsing.
const MAX_ADDRESS = 64

/** `value` when it is an IPv4 or IPv6 address, else null: only an address is ever stored as one. */
export function validAddress(value: string | null | undefined): string | null {
  const text = value?.trim()
  if (!text || text.length > MAX_ADDRESS) return null
  return isIP(text) ? text : null
}

/** The sender's address: the first X-Forwarded-For hop (set by the proxy in front), else X-Real-IP. */
export function clientAddress(headers: Pick<HeaderReader, 'get'>): string | null {
  return validAddress(headers.get('x-forwarded-for')?.split(',')[0]) ?? validAddress(headers.get('x-real-ip'))
}
