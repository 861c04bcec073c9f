import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { databaseForFile } from '../test/databases'
import { startHttpServer } from '../test/http-server'
import { closedPort, startTcpTap } from '../test/sockets'
import { isIP } from 'node:net'
import { bareHostname, mayConnect } from './address-policy'
import { BLOCKED_MESSAGE, sendOutbound, UNREACHABLE_MESSAGE } from './outbound'

// 127.0.0.2 stands in for a reachable host: it is opted in the documented way, while 127.0.0.1
// (where the other listeners run) stays refused as every loopback address is by default.
vi.hoisted(() => {
  process.env.SANDBOX_ALLOW_HOSTS = '127.0.0.2'
  process.env.APP_URL = 'https://console.internal.test'
})

const db = databaseForFile()

const blocked = { ok: false, reason: 'blocked', message: BLOCKED_MESSAGE }
const unreachable = { ok: false, reason: 'unreachable', message: UNREACHABLE_MESSAGE }

/** Runs `fn` as if this server listened on `port`, as server.mjs and `next start` say in PORT. */
async function asConsoleOn<T>(port: number, fn: () => Promise<T>): Promise<T> {
  const before = process.env.PORT
  process.env.PORT = String(port)
  try {
    return await fn()
  } finally {
    if (before === undefined) delete process.env.PORT
    else process.env.PORT = before
  }
}

describe('sendOutbound', () => {
  let v4: Awaited<ReturnType<typeof startTcpTap>>
  let v6: Awaited<ReturnType<typeof startTcpTap>>
  beforeAll(async () => {
    v4 = await startTcpTap('127.0.0.1')
    v6 = await startTcpTap('::1')
  })
  afterAll(async () => {
    await v4.close()
    await v6.close()
  })

  it.each([
    ['another port on 127.0.0.1', () => `http://127.0.0.1:${v4.port}/hook`],
    ['127.0.0.1 written as a number', () => `http://2130706433:${v4.port}/hook`],
    ['localhost', () => `http://localhost:${v4.port}/hook`],
    ['0.0.0.0', () => `http://0.0.0.0:${v4.port}/hook`],
    ['[::1]', () => `http://[::1]:${v6.port}/hook`],
    ['[::]', () => `http://[::]:${v6.port}/hook`],
    ['[::ffff:127.0.0.1]', () => `http://[::ffff:127.0.0.1]:${v4.port}/hook`],
  ])('refuses %s without connecting', async (_, url) => {
    const result = await sendOutbound(db(), url(), { method: 'OPTIONS', timeoutMs: 1000 })
    expect(result).toEqual(blocked)
    expect(v4.connections + v6.connections).toBe(0)
  })

  // Addresses outside loopback are judged without connecting: a regression must never send a
  // packet to a real private network or metadata service.
  it.each([
    ['a private address', () => 'https://10.0.0.1/hook'],
    ['a private /12 address', () => 'https://172.16.5.4/hook'],
    ['a private /16 address', () => 'https://192.168.1.1/hook'],
    ['the metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
    ['the metadata address through NAT64', () => 'http://[64:ff9b::a9fe:a9fe]/latest/meta-data/'],
    ['the AWS IPv6 metadata address', () => 'http://[fd00:ec2::254]/latest/meta-data/'],
    ['the Google metadata name', () => 'http://metadata.google.internal/computeMetadata/v1/'],
    ['a link-local IPv6 address', () => 'https://[fe80::1]/hook'],
    ['a CGNAT address', () => 'https://100.64.0.1/hook'],
    ['a multicast address', () => 'https://224.0.0.1/hook'],
    ['an IPv6 multicast address', () => 'https://[ff02::1]/hook'],
    ['the broadcast address', () => 'https://255.255.255.255/hook'],
  ])('refuses %s by policy', (_, url) => {
    const target = new URL(url())
    const literal = bareHostname(target)
    // A name is judged as if it had resolved to a public address, so only the name can refuse it.
    expect(mayConnect(target, [isIP(literal) ? literal : '8.8.8.8'])).toBe(false)
  })

  it('reads the same for a closed port, a silent one, a reset and a name that does not resolve', async () => {
    const silent = await startTcpTap('127.0.0.2')
    const resetting = await startTcpTap('127.0.0.2', { reset: true })
    try {
      const urls = [
        `http://127.0.0.2:${await closedPort('127.0.0.2')}/hook`,
        `http://127.0.0.2:${silent.port}/hook`,
        `http://127.0.0.2:${resetting.port}/hook`,
        'https://no-such-host.invalid/hook',
      ]
      const results = await Promise.all(
        urls.map((url) => sendOutbound(db(), url, { method: 'POST', body: '{}', timeoutMs: 500 })),
      )
      expect(results).toEqual([unreachable, unreachable, unreachable, unreachable])
      expect(silent.connections).toBe(1)
      expect(resetting.connections).toBe(1)
    } finally {
      await silent.close()
      await resetting.close()
    }
  })

  it('reaches an opted-in host, sends the body, and does not follow a redirect to a refused one', async () => {
    const target = await startHttpServer(
      (_, res) => res.writeHead(302, { location: `http://127.0.0.1:${v4.port}/inside` }).end(),
      '127.0.0.2',
    )
    try {
      const result = await sendOutbound(db(), `${target.url}/hook?x=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', signature: 'abc' },
        body: '{"ok":true}',
        timeoutMs: 1000,
      })
      expect(result).toEqual({ ok: true, status: 302 })
      expect(target.requests).toMatchObject([
        {
          method: 'POST',
          url: '/hook?x=1',
          body: '{"ok":true}',
          headers: {
            signature: 'abc',
            'content-length': '11',
            host: target.url.slice('http://'.length),
          },
        },
      ])
      expect(v4.connections).toBe(0)
    } finally {
      await target.close()
    }
  })
})

describe('the console’s own receiver', () => {
  it('is allowed on loopback at this server’s port, on the receiver paths only', async () => {
    const server = await startHttpServer((_, res) => res.end('ok'))
    try {
      const results = await asConsoleOn(server.port, () =>
        Promise.all(
          [
            `http://127.0.0.1:${server.port}/api/webhooks/konpro`,
            `http://localhost:${server.port}/api/webhooks/kayle`,
            `http://127.0.0.1:${server.port}/api/health`,
            `http://127.0.0.1:${server.port}/api/webhooks/konpro/../../health`,
          ].map((url) =>
            sendOutbound(db(), url, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{"a":1}',
              timeoutMs: 1000,
            }),
          ),
        ),
      )
      expect(results).toEqual([
        { ok: true, status: 200 },
        { ok: true, status: 200 },
        blocked,
        blocked,
      ])
      expect(server.requests.map((r) => [r.method, r.url, r.body])).toEqual([
        ['POST', '/api/webhooks/konpro', '{"a":1}'],
        ['POST', '/api/webhooks/kayle', '{"a":1}'],
      ])
    } finally {
      await server.close()
    }
  })

  it('is refused on another port, even on the receiver path', async () => {
    const other = await startTcpTap('127.0.0.1')
    try {
      expect(
        await asConsoleOn(other.port + 1, () =>
          sendOutbound(db(), `http://127.0.0.1:${other.port}/api/webhooks/konpro`, {
            method: 'OPTIONS',
            timeoutMs: 1000,
          }),
        ),
      ).toEqual(blocked)
      expect(other.connections).toBe(0)
    } finally {
      await other.close()
    }
  })

  it('is allowed at APP_URL’s origin wherever that resolves, on the receiver paths only', () => {
    expect(
      mayConnect(new URL('https://console.internal.test/api/webhooks/konpro'), ['10.1.2.3']),
    ).toBe(true)
    expect(
      mayConnect(new URL('https://console.internal.test/api/webhooks/kayle'), ['10.1.2.3']),
    ).toBe(true)
    expect(mayConnect(new URL('https://console.internal.test/admin'), ['10.1.2.3'])).toBe(false)
    expect(
      mayConnect(new URL('https://console.internal.test:8443/api/webhooks/konpro'), ['10.1.2.3']),
    ).toBe(false)
    expect(mayConnect(new URL('https://elsewhere.test/api/webhooks/konpro'), ['10.1.2.3'])).toBe(
      false,
    )
    expect(
      mayConnect(new URL('https://elsewhere.test/api/webhooks/konpro'), ['93.184.215.14']),
    ).toBe(true)
  })
})
