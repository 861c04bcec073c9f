import { describe, expect, it } from 'vitest'
import { formatOutboundHost, outboundHostSchema } from './outbound-host'

const parse = (host: string) => outboundHostSchema.safeParse({ host })
const problem = (host: string) => parse(host).error?.issues.map((i) => [i.path, i.message])

describe('an allowed outbound host', () => {
  it.each([
    ['staging.internal:8443', { hostname: 'staging.internal', port: 8443 }],
    ['  LocalHost:8080 ', { hostname: 'localhost', port: 8080 }],
    ['staging.internal.', { hostname: 'staging.internal', port: null }],
    ['127.0.0.1:4000', { hostname: '127.0.0.1', port: 4000 }],
    // The URL parser's spelling, which is what a URL's host is compared with.
    ['127.1', { hostname: '127.0.0.1', port: null }],
    ['[::1]:8080', { hostname: '[::1]', port: 8080 }],
    ['[FD00:0:0::5]', { hostname: '[fd00::5]', port: null }],
    ['[::ffff:127.0.0.1]:1', { hostname: '[::ffff:7f00:1]', port: 1 }],
    ['10.1.2.3:65535', { hostname: '10.1.2.3', port: 65535 }],
    ['db-1.staging.example', { hostname: 'db-1.staging.example', port: null }],
  ])('takes %j', (input, expected) => {
    expect(parse(input).data).toEqual({ host: expected })
  })

  it.each([
    ['', 'Enter a host name, such as staging.internal:8443 or localhost:8080.'],
    [
      'https://staging.internal:8443',
      'Enter the host without http:// or https://, such as staging.internal:8443 or localhost:8080.',
    ],
    [
      'staging.internal:8443/hook',
      'Enter the host without a path, such as staging.internal:8443 or localhost:8080.',
    ],
    ['*.internal', 'Wildcards are not supported: name each host.'],
    ['user@staging.internal', 'Enter the host without a user name.'],
    ['staging internal', 'A host has no spaces in it.'],
    ['::1', 'Put an IPv6 address in brackets, such as [::1]:8080.'],
    ['fe80::1:8080', 'Put an IPv6 address in brackets, such as [::1]:8080.'],
    ['localhost:0', 'The port must be a number from 1 to 65535.'],
    ['localhost:65536', 'The port must be a number from 1 to 65535.'],
    ['localhost:', 'The port must be a number from 1 to 65535.'],
    ['localhost:http', 'The port must be a number from 1 to 65535.'],
    ['[zz::1]', '“zz::1” is not an IPv6 address. Write one as [::1] or [fd00::5].'],
    [
      'under_score.internal',
      'Use letters, digits, hyphens and dots only, with no empty parts, such as staging.internal.',
    ],
    [
      'a..b',
      'Use letters, digits, hyphens and dots only, with no empty parts, such as staging.internal.',
    ],
    [
      '-a.internal',
      'Use letters, digits, hyphens and dots only, with no empty parts, such as staging.internal.',
    ],
    ['1.2.3.4.5', '“1.2.3.4.5” is neither a host name nor an IPv4 address.'],
    ['x'.repeat(301), 'Keep the host under 300 characters.'],
  ])('refuses %j, saying why', (input, message) => {
    expect(problem(input)).toEqual([[['host'], message]])
  })

  it.each([
    '169.254.169.254',
    '169.254.169.254:80',
    '[fe80::1]',
    '[::ffff:169.254.169.254]',
    'metadata.google.internal',
    'METADATA.google.internal.:80',
  ])('refuses %j: link-local and metadata addresses cannot be allowed', (input) => {
    expect(problem(input)?.[0]?.[1]).toMatch(/^Link-local and cloud metadata addresses/)
  })

  it.each(['[fd00:ec2::254]', '100.100.100.200', '0.0.0.0', '[::]', '224.0.0.1', '[ff02::1]'])(
    'refuses %j: only unicast addresses can be allowed',
    (input) => {
      expect(problem(input)?.[0]?.[1]).toMatch(/^Only a unicast address can be allowed/)
    },
  )

  it('is written back as host or host:port', () => {
    expect(formatOutboundHost({ hostname: '[::1]', port: 8080 })).toBe('[::1]:8080')
    expect(formatOutboundHost({ hostname: 'staging.internal', port: null })).toBe(
      'staging.internal',
    )
  })
})
