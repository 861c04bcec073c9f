import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import type { SessionDb } from '../auth/current'
import { events } from '../db/schema'
import { BLOCKED_MESSAGE } from '../net/outbound'
import { describeEachDatabase } from '../test/databases'
import { storedRow } from '../test/event-rows'
import { startHttpServer } from '../test/http-server'
import { kayleDefinition as kayle } from '../providers/kayle/definition'
import { verifyKayleSignature } from '../providers/kayle/signature'
import { storeSigningSecret } from '../providers/kayle/vault'
import { konproDefinition as konpro } from '../providers/konpro/definition'
import { listReplayAttempts, replayDelivery, replayHeaders } from './replay'
import { replaySchema } from './schema'

// 127.0.0.2 is opted in the documented way; 127.0.0.1 stays refused as every loopback address is.
vi.hoisted(() => {
  process.env.SANDBOX_ALLOW_HOSTS = '127.0.0.2'
})

let target: Awaited<ReturnType<typeof startHttpServer>>
beforeAll(async () => {
  target = await startHttpServer(
    (_, res) =>
      res.writeHead(202, { 'x-target': 'yes', 'content-type': 'text/plain' }).end('x'.repeat(5000)),
    '127.0.0.2',
  )
})
afterAll(() => target.close())

it('keeps the original headers but the hop ones, or replaces the signature when re-signing', () => {
  const body = Buffer.from('{"a":1}')
  const stored = {
    host: 'console:3000',
    'content-length': '7',
    signature: 'old',
    'heygen-signature': 'h',
    'heygen-timestamp': '1',
    'content-type': 'application/json',
    'x-long': 'cut…',
  }
  expect(replayHeaders(stored, body)).toEqual({
    signature: 'old',
    'heygen-signature': 'h',
    'heygen-timestamp': '1',
    'content-type': 'application/json',
  })
  expect(replayHeaders(stored, body, { resign: konpro.resign!, secret: 'whsec_1' })).toEqual({
    signature: createHmac('sha256', 'whsec_1').update(body).digest('hex'),
    'content-type': 'application/json',
  })
})

it('re-signs a Kayle delivery the way Kayle signs: X-Kayle-Signature t=…,v1=… over the raw body', () => {
  const body = Buffer.from('eyJhbGciOiJSU0EtT0FFUC0yNTYifQ.encrypted')
  const stored = {
    'x-kayle-signature': 't=1700000000,v1=' + 'a'.repeat(64),
    'x-kayle-event': 'verification.completed',
    'content-type': 'application/jose',
  }
  const headers = replayHeaders(stored, body, { resign: kayle.resign!, secret: 'whsec_kayle' })
  expect(headers['x-kayle-event']).toBe('verification.completed')
  expect(headers['x-kayle-signature']).not.toBe(stored['x-kayle-signature'])
  expect(
    verifyKayleSignature({
      body,
      header: headers['x-kayle-signature'],
      secrets: [{ endpointId: 'we_1', secret: 'whsec_kayle' }],
    }),
  ).toMatchObject({ verdict: 'verified', endpointId: 'we_1' })
  // Nothing of KonPro's scheme is added.
  expect(headers.signature).toBeUndefined()
})

it('asks for a full URL and, when re-signing, an endpoint', () => {
  expect(
    replaySchema.safeParse({ eventId: 1, url: 'localhost:8080', mode: 'original' }).success,
  ).toBe(false)
  const noEndpoint = replaySchema.safeParse({
    eventId: 1,
    url: 'https://x.example/h',
    mode: 'resigned',
  })
  expect(noEndpoint.error?.issues[0]?.path).toEqual(['endpointId'])
  expect(
    replaySchema.safeParse({ eventId: 1, url: 'https://x.example/h', mode: 'original' }).success,
  ).toBe(true)
})

describeEachDatabase('replaying a delivery', (fresh) => {
  const setup = async () => {
    const database = await fresh()
    const db = database.db as SessionDb
    const [row] = await db
      .insert(events)
      .values(
        storedRow({
          headers: {
            signature: 'original-sig',
            'content-type': 'application/json',
            host: 'console.test',
          },
        }),
      )
      .returning({ id: events.id, body: events.body })
    return { db, id: row!.id, body: Buffer.from(row!.body) }
  }

  it('sends the stored bytes and headers, and keeps the answer (status, headers, first KiB, latency)', async () => {
    const { db, id, body } = await setup()
    const before = target.requests.length
    const outcome = await replayDelivery(
      db,
      { eventId: id, url: `${target.url}/staging/hook` },
      'admin@x.test',
    )
    expect(outcome.ok).toBe(true)
    const got = target.requests[before]!
    expect(got.url).toBe('/staging/hook')
    expect(got.headers.signature).toBe('original-sig')
    expect(got.headers.host).toBe(`127.0.0.2:${target.port}`)
    expect(Buffer.from(got.body).equals(body)).toBe(true)
    const [attempt] = await listReplayAttempts(db, id)
    expect(attempt).toMatchObject({
      status: 202,
      mode: 'original',
      error: null,
      actorEmail: 'admin@x.test',
      url: `${target.url}/staging/hook`,
    })
    expect(attempt?.responseHeaders?.['x-target']).toBe('yes')
    expect(attempt?.responseBody).toBe('x'.repeat(1024))
    expect(attempt?.latencyMs).toBeGreaterThanOrEqual(0)
  })

  it('re-signs with the chosen secret', async () => {
    const { db, id, body } = await setup()
    const before = target.requests.length
    await replayDelivery(
      db,
      {
        eventId: id,
        url: `${target.url}/hook`,
        secret: { provider: 'konpro', endpointId: 'ep_1', value: 'whsec_test' },
      },
      null,
    )
    expect(target.requests[before]!.headers.signature).toBe(
      createHmac('sha256', 'whsec_test').update(body).digest('hex'),
    )
    expect((await listReplayAttempts(db, id))[0]).toMatchObject({
      mode: 'resigned',
      signedWith: 'ep_1',
      status: 202,
    })
  })

  it('re-signs a Kayle delivery with its endpoint’s secret, and refuses another provider’s', async () => {
    const database = await fresh()
    const db = database.db as SessionDb
    await storeSigningSecret(db, 'we_1', 'whsec_kayle')
    // The secret comes from the console's sealed store, as the action looks it up.
    expect(await kayle.resign!.secret(db, 'we_1')).toBe('whsec_kayle')
    expect(await kayle.resign!.secret(db, 'we_unknown')).toBeNull()
    const [row] = await db
      .insert(events)
      .values(
        storedRow({
          provider: 'kayle',
          headers: { 'x-kayle-signature': `t=1,v1=${'b'.repeat(64)}` },
        }),
      )
      .returning({ id: events.id, body: events.body })
    const before = target.requests.length
    const other = await replayDelivery(
      db,
      {
        eventId: row!.id,
        url: `${target.url}/hook`,
        secret: { provider: 'konpro', endpointId: 'ep_1', value: 'whsec_konpro' },
      },
      null,
    )
    expect(other).toEqual({ ok: false, problem: 'other_provider' })
    expect(target.requests.length).toBe(before)

    await replayDelivery(
      db,
      {
        eventId: row!.id,
        url: `${target.url}/hook`,
        secret: { provider: 'kayle', endpointId: 'we_1', value: 'whsec_kayle' },
      },
      null,
    )
    const got = target.requests[before]!
    expect(
      verifyKayleSignature({
        body: Buffer.from(row!.body),
        header: got.headers['x-kayle-signature'] as string,
        secrets: [{ endpointId: 'we_1', secret: 'whsec_kayle' }],
      }).verdict,
    ).toBe('verified')
    expect(got.headers.signature).toBeUndefined()
    expect((await listReplayAttempts(db, row!.id))[0]).toMatchObject({
      mode: 'resigned',
      signedWith: 'we_1',
      status: 202,
    })
  })

  it('refuses a private address before sending, and records why', async () => {
    const { db, id } = await setup()
    const before = target.requests.length
    await replayDelivery(db, { eventId: id, url: `http://127.0.0.1:${target.port}/hook` }, null)
    expect(target.requests.length).toBe(before)
    expect((await listReplayAttempts(db, id))[0]).toMatchObject({
      status: null,
      error: BLOCKED_MESSAGE,
      responseHeaders: null,
    })
  })

  it('does not follow a redirect', async () => {
    const { db, id } = await setup()
    target.handle((_, res) =>
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    )
    try {
      await replayDelivery(db, { eventId: id, url: `${target.url}/hook` }, null)
    } finally {
      target.handle((_, res) => res.writeHead(202, { 'x-target': 'yes' }).end('x'.repeat(5000)))
    }
    expect((await listReplayAttempts(db, id))[0]).toMatchObject({
      status: 302,
      responseHeaders: expect.objectContaining({
        location: 'http://169.254.169.254/latest/meta-data/',
      }),
    })
  })

  it('answers not_found for a delivery that is gone, and removes attempts with their delivery', async () => {
    const { db, id } = await setup()
    expect(
      await replayDelivery(db, { eventId: id + 1000, url: `${target.url}/hook` }, null),
    ).toEqual({ ok: false, problem: 'not_found' })
    await replayDelivery(db, { eventId: id, url: `${target.url}/hook` }, null)
    await db.delete(events)
    expect(await listReplayAttempts(db, id)).toEqual([])
  })

  it('records a target that takes the request and never answers as a timeout', async () => {
    const { db, id } = await setup()
    const silent = await startHttpServer(() => {}, '127.0.0.2')
    try {
      const outcome = await replayDelivery(db, { eventId: id, url: `${silent.url}/hook` }, null, {
        timeoutMs: 300,
      })
      expect(outcome.ok).toBe(true)
      expect(silent.requests).toHaveLength(1)
    } finally {
      await silent.close()
    }
    expect((await listReplayAttempts(db, id))[0]).toMatchObject({
      status: null,
      error: 'no answer within 0.3 s: the target took the request but did not answer in time',
      responseHeaders: null,
      responseBody: null,
    })
  })

  it('records a target that stops in the middle of its answer as a timeout', async () => {
    const { db, id } = await setup()
    const stalling = await startHttpServer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.write('the first half of')
    }, '127.0.0.2')
    try {
      await replayDelivery(db, { eventId: id, url: `${stalling.url}/hook` }, null, {
        timeoutMs: 300,
      })
    } finally {
      await stalling.close()
    }
    expect((await listReplayAttempts(db, id))[0]).toMatchObject({
      status: null,
      error:
        'the answer (status 200) did not finish within 0.3 s: the target stopped sending its body',
      responseHeaders: null,
    })
  })
})
