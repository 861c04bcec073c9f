import ipaddr from 'ipaddr.js'
import { z } from 'zod'
import { isMetadataName, isNameableAddress } from '../net/always-refused'

// A host an admin allows for outbound requests under Settings: `host` or `host:port`, IPv6 in
// brackets. Shared by the Settings form and its action. The result is what the outbound policy
// compares with a URL's host: the URL parser's own spelling (lowercase, `127.1` as `127.0.0.1`,
// IPv6 compressed), so what is listed is exactly what matches.

export interface OutboundHost {
  hostname: string
  /** null: every port. */
  port: number | null
}

const EXAMPLE = 'such as staging.internal:8443 or localhost:8080'
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

/** What is wrong with `text` as a host, or the host it names. */
export function parseOutboundHost(text: string): OutboundHost | { problem: string } {
  const value = text.trim().toLowerCase()
  if (!value) return { problem: `Enter a host name, ${EXAMPLE}.` }
  if (value.length > 300) return { problem: 'Keep the host under 300 characters.' }
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(value))
    return { problem: `Enter the host without http:// or https://, ${EXAMPLE}.` }
  if (/[/?#]/.test(value)) return { problem: `Enter the host without a path, ${EXAMPLE}.` }
  if (value.includes('*')) return { problem: 'Wildcards are not supported: name each host.' }
  if (value.includes('@')) return { problem: 'Enter the host without a user name.' }
  if (/\s/.test(value)) return { problem: 'A host has no spaces in it.' }
  // Two colons outside brackets can only be an IPv6 address, whose colons would read as a port.
  if (!value.startsWith('[') && (value.match(/:/g)?.length ?? 0) > 1)
    return { problem: 'Put an IPv6 address in brackets, such as [::1]:8080.' }

  const match = /^(\[[^\]]*\]|[^:[\]]+)(?::(.*))?$/.exec(value)
  if (!match) return { problem: `Enter a host or host:port, ${EXAMPLE}.` }
  const [, host = '', portText] = match
  let port: number | null = null
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535)
      return { problem: 'The port must be a number from 1 to 65535.' }
    port = Number(portText)
  }

  let hostname: string
  if (host.startsWith('[')) {
    const inner = host.slice(1, -1)
    if (!ipaddr.IPv6.isValid(inner))
      return { problem: `“${inner}” is not an IPv6 address. Write one as [::1] or [fd00::5].` }
    hostname = `[${ipaddr.IPv6.parse(inner).toString()}]`
  } else {
    const name = host.replace(/\.$/, '')
    if (name.length > 253 || !name.split('.').every((label) => LABEL.test(label)))
      return {
        problem:
          'Use letters, digits, hyphens and dots only, with no empty parts, such as staging.internal.',
      }
    try {
      // The URL parser's spelling: it also reads `127.1` or `0x7f.1` as an IPv4 address.
      hostname = new URL(`http://${name}`).hostname
    } catch {
      // A name ending in a number is read as an IPv4 address, and this one is not a valid one.
      return { problem: `“${name}” is neither a host name nor an IPv4 address.` }
    }
  }

  const address = hostname.replace(/^\[(.*)\]$/, '$1')
  if (
    isMetadataName(hostname) ||
    (ipaddr.isValid(address) && ipaddr.process(address).range() === 'linkLocal')
  )
    return {
      problem:
        'Link-local and cloud metadata addresses (such as 169.254.169.254) are always refused and cannot be allowed.',
    }
  if (ipaddr.isValid(address) && !isNameableAddress(address))
    return {
      problem:
        'Only a unicast address can be allowed: not multicast, broadcast, unspecified (0.0.0.0) or reserved ones, nor a cloud metadata address.',
    }
  return { hostname, port }
}

export const outboundHostSchema = z.object({
  host: z.string().transform((text, ctx): OutboundHost => {
    const parsed = parseOutboundHost(text)
    if ('problem' in parsed) {
      ctx.addIssue({ code: 'custom', message: parsed.problem })
      return z.NEVER
    }
    return parsed
  }),
})
export type OutboundHostInput = z.input<typeof outboundHostSchema>

export const outboundHostIdSchema = z.number().int().positive()

/** How a listed host is written: `host`, or `host:port`. */
export const formatOutboundHost = ({ hostname, port }: OutboundHost) =>
  port === null ? hostname : `${hostname}:${port}`
