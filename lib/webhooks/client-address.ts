import { isIP } from 'node:net'
import ipaddr from 'ipaddr.js'
import { env, type Env } from '../env'
import type { HeaderReader } from './incoming'

// Longest text form of an IPv6 address with an IPv4 tail (45) plus room for a zone; anything
// longer is not an address and is not worth parsing.
const MAX_ADDRESS = 64

/**
 * The TCP peer's address, which server.mjs writes on every request (replacing any copy a client
 * sent). Forwarding headers are believed only when this peer is a configured proxy.
 */
export const PEER_HEADER = 'x-konpro-peer'

type Headers = Pick<HeaderReader, 'get'>

/** `value` when it is an IPv4 or IPv6 address, else null: only an address is ever stored as one. */
export function validAddress(value: string | null | undefined): string | null {
  const text = value?.trim()
  if (!text || text.length > MAX_ADDRESS || !isIP(text)) return null
  // `::ffff:10.0.0.1` from a dual-stack socket is the IPv4 address it carries.
  return ipaddr.process(text).toString()
}

function isTrusted(address: string | null, proxies: Env['TRUSTED_PROXIES']): boolean {
  if (!address) return false
  const parsed = ipaddr.process(address)
  return proxies.cidrs.some(
    ([range, bits]) => parsed.kind() === range.kind() && parsed.match(range, bits),
  )
}

/**
 * Who sent the request, by the socket unless a trusted proxy stands in front. Without
 * TRUSTED_PROXIES, forwarding headers are anyone's to write and are ignored. `next start` gives no
 * socket address to route handlers: there the last X-Forwarded-For hop (which Next fills from the
 * socket when the client sent none) is the best there is, so run it behind a configured proxy.
 */
export function clientAddress(
  headers: Headers,
  proxies: Env['TRUSTED_PROXIES'] = env().TRUSTED_PROXIES,
): string | null {
  // Vercel's edge overwrites these with the address it saw; nothing reaches a function without it.
  if (proxies.vercel)
    return (
      validAddress(headers.get('x-vercel-forwarded-for')?.split(',')[0]) ??
      validAddress(headers.get('x-real-ip'))
    )
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean)
  const peer = headers.get(PEER_HEADER) ?? hops.pop() ?? null
  let address = validAddress(peer)
  // Right to left: each hop was written by the one after it; stop at the first we do not run.
  while (isTrusted(address, proxies) && hops.length) address = validAddress(hops.pop())
  return address
}

/** Whether the browser's connection is https: from the socket's proxy header only when that proxy is trusted. */
export function forwardedHttps(
  headers: Headers,
  proxies: Env['TRUSTED_PROXIES'] = env().TRUSTED_PROXIES,
): boolean {
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim()
  if (proto !== 'https') return false
  return proxies.vercel || isTrusted(validAddress(headers.get(PEER_HEADER)), proxies)
}

/**
 * Whether the browser reached the console over https: a trusted proxy says so, or APP_URL is an
 * https address. One rule for the session cookie's `Secure` and for HSTS, so a client cannot turn
 * either on (or pin a plain-http console to https) by writing X-Forwarded-Proto itself.
 */
export function browserHttps(
  headers: Headers,
  config: Pick<Env, 'TRUSTED_PROXIES' | 'APP_URL'> = env(),
): boolean {
  return (
    forwardedHttps(headers, config.TRUSTED_PROXIES) || (config.APP_URL ?? '').startsWith('https:')
  )
}
