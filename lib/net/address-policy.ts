import 'server-only'
import ipaddr from 'ipaddr.js'
import { env } from '../env'
import { PROVIDER_LIST } from '../providers/catalog'
import { isMetadataName, isNameableAddress } from './always-refused'

// Where outbound requests (replays, the sandboxes' sends) may go: the public internet, the
// console's own receivers, hosts an operator opted in with SANDBOX_ALLOW_HOSTS and hosts an admin
// allowed under Settings. Anything else would let whoever can create an endpoint or replay a
// delivery make this server call its own network (cloud metadata, databases, admin ports).

/** A host as the URL parser writes it (IPv6 in brackets), and its port; null allows every port. */
export interface AllowedHost {
  hostname: string
  port: number | null
}

const RECEIVER_PATHS = new Set(PROVIDER_LIST.map((p) => p.receiverPath))

/**
 * Only ordinary public unicast passes. ipaddr.js files every special range under another name:
 * private, loopback, link-local (169.254.169.254 among them), CGNAT, unique-local (fd00:ec2::254),
 * IPv4-mapped and the other IPv6 forms that embed an IPv4 address (NAT64, 6to4, Teredo),
 * multicast, broadcast, unspecified and reserved.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false
  return ipaddr.parse(address).range() === 'unicast'
}

function isLoopback(address: string): boolean {
  return ipaddr.isValid(address) && ipaddr.parse(address).range() === 'loopback'
}

/** The host as the URL parser writes it, without IPv6 brackets: what DNS and sockets take. */
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1')
}

const effectivePort = (url: URL) => Number(url.port || (url.protocol === 'https:' ? 443 : 80))

/** The port this server listens on: `next start` and server.mjs both put it in PORT. */
const consolePort = () => Number(process.env.PORT ?? env().PORT)

/** Refused by name alone, before any lookup. */
export function isRefusedName(url: URL): boolean {
  return isMetadataName(bareHostname(url))
}

const names = (url: URL) => (entry: AllowedHost) =>
  entry.hostname === url.hostname.replace(/\.$/, '') &&
  (entry.port === null || entry.port === effectivePort(url))

/** The operator's own list: trusted as far as the operator says, like any other setting of theirs. */
function isOperatorAllowed(url: URL): boolean {
  return env().SANDBOX_ALLOW_HOSTS.some(names(url))
}

/**
 * Settings' list: the named host may reach private and loopback addresses, never link-local or
 * metadata ones, which an admin's typing (or a name that later resolves there) must not open.
 */
function isTeamAllowed(url: URL, addresses: readonly string[], allowed: readonly AllowedHost[]) {
  return (
    allowed.some(names(url)) &&
    !isRefusedName(url) &&
    addresses.length > 0 &&
    addresses.every(isNameableAddress)
  )
}

/**
 * The console's own receiver, as lib/webhooks/receiver-url.ts shows it: APP_URL's origin when set,
 * else the host the browser used, which on this machine is a loopback name or address and this
 * server's port. Only the receiver paths qualify, so the exception reaches nothing but the receiver.
 */
function isOwnReceiver(url: URL, addresses: readonly string[]): boolean {
  if (!RECEIVER_PATHS.has(url.pathname)) return false
  const appUrl = env().APP_URL
  if (appUrl && new URL(appUrl).origin === url.origin) return true
  return effectivePort(url) === consolePort() && addresses.length > 0 && addresses.every(isLoopback)
}

/**
 * Whether a request to `url`, connecting to `addresses` (what its host resolved to), may be sent;
 * `allowed` is the list admins keep under Settings.
 */
export function mayConnect(
  url: URL,
  addresses: readonly string[],
  allowed: readonly AllowedHost[] = [],
): boolean {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false
  if (isOperatorAllowed(url) || isOwnReceiver(url, addresses)) return true
  if (isTeamAllowed(url, addresses, allowed)) return true
  if (isRefusedName(url)) return false
  return addresses.length > 0 && addresses.every(isPublicAddress)
}
