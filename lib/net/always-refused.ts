import ipaddr from 'ipaddr.js'

// What no allow list can open: cloud metadata services hand out credentials to whatever on the
// machine asks, so naming one in Settings must not reach it. Shared by the outbound policy and
// the Settings form (no server-only code here), so the form refuses what the policy would.

/** Names that reach cloud metadata services. */
export const METADATA_NAMES = new Set(['metadata.google.internal'])

/** Metadata addresses outside link-local: AWS's IPv6 one (unique-local) and Alibaba Cloud's (CGNAT). */
const METADATA_ADDRESSES = new Set(['fd00:ec2::254', '100.100.100.200'])

/**
 * The ranges an admin may allow by name: besides public unicast, private, loopback, unique-local
 * and CGNAT, where staging servers and local tools live. Link-local (169.254.0.0/16, fe80::/10,
 * home of 169.254.169.254), multicast, broadcast, unspecified and reserved stay refused, as do the
 * IPv6 forms that carry an IPv4 address inside (NAT64, 6to4, Teredo): whatever they carry cannot
 * be told from here. An IPv4-mapped address is judged as the IPv4 address it maps.
 */
const NAMEABLE_RANGES = new Set([
  'unicast',
  'private',
  'loopback',
  'uniqueLocal',
  'carrierGradeNat',
])

export function isMetadataName(hostname: string): boolean {
  return METADATA_NAMES.has(hostname.toLowerCase().replace(/\.$/, ''))
}

/** Whether an allowed host may connect to `address`; an address that does not parse may not. */
export function isNameableAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false
  const parsed = ipaddr.process(address)
  return NAMEABLE_RANGES.has(parsed.range()) && !METADATA_ADDRESSES.has(parsed.toString())
}
