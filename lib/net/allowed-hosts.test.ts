import { expect, it, vi } from 'vitest'
import type { SessionDb } from '../auth/current'
import { events } from '../db/schema'
import { optionsCheck } from '../providers/konpro/sandbox/url-rules'
import { replayDelivery } from '../replay/replay'
import { describeEachDatabase } from '../test/databases'
import { storedRow } from '../test/event-rows'
import { startHttpServer } from '../test/http-server'
import { startTcpTap } from '../test/sockets'
import { parseOutboundHost, type OutboundHost } from '../validations/outbound-host'
import { addAllowedHost, listAllowedHosts, removeAllowedHost } from './allowed-hosts'
import { BLOCKED_MESSAGE, mayConnectNow } from './outbound'

// Hosts allowed under Settings, through the code that sends: a replay and the sandbox's OPTIONS
// check to a real server on loopback, which every outbound request refuses unless it is named.
vi.hoisted(() => {
  process.env.SANDBOX_ALLOW_HOSTS = ''
})

const host = (text: string): OutboundHost => {
  const parsed = parseOutboundHost(text)
  if ('problem' in parsed) throw new Error(parsed.problem)
  return parsed
}

describeEachDatabase('hosts allowed under Settings', (fresh, defer) => {
  async function setup() {
    const database = await fresh()
    const db = database.db as SessionDb
    const target = await startHttpServer((_, res) => res.writeHead(202).end('taken'))
    defer(target.close)
    const [row] = await db.insert(events).values(storedRow()).returning({ id: events.id })
    const eventId = row!.id
    const replay = async (url: string) => {
      const outcome = await replayDelivery(db, { eventId, url }, 'admin@hosts.test')
      if (!outcome.ok) throw new Error(outcome.problem)
      return outcome.attempt
    }
    return { db, target, replay }
  }

  it('a replay to loopback is refused, sent once 127.0.0.1:<port> is allowed, refused again once removed', async () => {
    const { db, target, replay } = await setup()
    const url = `http://127.0.0.1:${target.port}/hook`

    expect(await replay(url)).toMatchObject({ status: null, error: BLOCKED_MESSAGE })
    expect(target.requests).toHaveLength(0)

    const added = await addAllowedHost(db, host(`127.0.0.1:${target.port}`), 'admin@hosts.test')
    expect(added).toMatchObject({ hostname: '127.0.0.1', port: target.port })
    expect(await replay(url)).toMatchObject({ status: 202, error: null, responseBody: 'taken' })
    expect(target.requests.map((r) => r.url)).toEqual(['/hook'])

    // The entry names one port: another one on the same host stays refused, without a connection.
    const other = await startTcpTap('127.0.0.1')
    defer(other.close)
    expect(await replay(`http://127.0.0.1:${other.port}/hook`)).toMatchObject({
      error: BLOCKED_MESSAGE,
    })
    expect(other.connections).toBe(0)

    await removeAllowedHost(db, added!.id)
    expect(await replay(url)).toMatchObject({ status: null, error: BLOCKED_MESSAGE })
    expect(target.requests).toHaveLength(1)
  })

  it('allows localhost:<port> by name, and a host without a port on every port', async () => {
    const { db, target, replay } = await setup()
    await addAllowedHost(db, host(`LocalHost:${target.port}`), null)
    expect(await replay(`http://localhost:${target.port}/a`)).toMatchObject({ status: 202 })
    // The name is what is allowed, not the address it resolves to.
    expect(await replay(`http://127.0.0.1:${target.port}/b`)).toMatchObject({
      error: BLOCKED_MESSAGE,
    })

    const second = await startHttpServer((_, res) => res.writeHead(204).end())
    defer(second.close)
    await addAllowedHost(db, host('127.0.0.1'), null)
    expect(await replay(`http://127.0.0.1:${target.port}/c`)).toMatchObject({ status: 202 })
    expect(await replay(`http://127.0.0.1:${second.port}/d`)).toMatchObject({ status: 204 })
    expect(target.requests.map((r) => r.url)).toEqual(['/a', '/c'])
    expect(second.requests.map((r) => r.url)).toEqual(['/d'])
  })

  it('lets the KonPro sandbox’s OPTIONS check reach an allowed host', async () => {
    const { db, target } = await setup()
    const url = `http://127.0.0.1:${target.port}/hook`
    expect(await optionsCheck(db, url)).toBe(
      `the OPTIONS check to ${url} was not sent: ${BLOCKED_MESSAGE}`,
    )
    await addAllowedHost(db, host(`127.0.0.1:${target.port}`), null)
    expect(await optionsCheck(db, url)).toBeNull()
    expect(target.requests.map((r) => r.method)).toEqual(['OPTIONS'])
  })

  // Judged without connecting: a regression must never send a packet to a real metadata service.
  // The rows go in directly, as if an older form, a script or a migration had let them through.
  it('keeps cloud metadata and link-local addresses refused even when they are listed', async () => {
    const { db } = await setup()
    for (const hostname of [
      '169.254.169.254',
      'metadata.google.internal',
      '[fe80::1]',
      '[fd00:ec2::254]',
      '100.100.100.200',
      'imds.internal.test',
    ])
      await addAllowedHost(db, { hostname, port: null }, null)
    const allowed = (url: string, addresses: string[]) => mayConnectNow(db, new URL(url), addresses)

    expect(await allowed('http://169.254.169.254/latest/meta-data/', ['169.254.169.254'])).toBe(
      false,
    )
    expect(await allowed('http://metadata.google.internal/computeMetadata/v1/', ['10.0.0.5'])).toBe(
      false,
    )
    expect(await allowed('http://[fe80::1]/hook', ['fe80::1'])).toBe(false)
    expect(await allowed('http://[fd00:ec2::254]/latest/meta-data/', ['fd00:ec2::254'])).toBe(false)
    expect(await allowed('http://100.100.100.200/latest/meta-data/', ['100.100.100.200'])).toBe(
      false,
    )
    // A listed name is judged by what it resolves to: one link-local answer refuses it.
    expect(await allowed('http://imds.internal.test/', ['169.254.169.254'])).toBe(false)
    expect(await allowed('http://imds.internal.test/', ['::ffff:169.254.169.254'])).toBe(false)
    expect(await allowed('http://imds.internal.test/', ['10.0.0.5', 'fe80::5'])).toBe(false)
    expect(await allowed('http://imds.internal.test/', ['10.0.0.5', 'fd12::5'])).toBe(true)
    expect(await allowed('http://unlisted.internal.test/', ['10.0.0.5'])).toBe(false)
  })

  it('lists each host and port once; a host without a port is an entry of its own', async () => {
    const { db } = await setup()
    expect(await addAllowedHost(db, host('staging.internal:8443'), 'a@hosts.test')).not.toBeNull()
    expect(await addAllowedHost(db, host('Staging.Internal.:8443'), 'b@hosts.test')).toBeNull()
    expect(await addAllowedHost(db, host('staging.internal'), null)).not.toBeNull()
    expect(await addAllowedHost(db, host('staging.internal'), null)).toBeNull()
    expect(await addAllowedHost(db, host('[::1]:8080'), null)).not.toBeNull()
    expect((await listAllowedHosts(db)).map((h) => [h.hostname, h.port, h.createdBy])).toEqual([
      ['[::1]', 8080, null],
      ['staging.internal', 8443, 'a@hosts.test'],
      ['staging.internal', null, null],
    ])
  })
})
