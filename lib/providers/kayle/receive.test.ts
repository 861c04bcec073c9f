import { expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { events } from '../../db/schema'
import { describeEachDatabase } from '../../test/databases'
import { webHandler } from '../../webhooks/incoming'
import { setReceiverPolicy } from '../../webhooks/policy'
import { kayleDefinition } from './definition'
import { receiveDelivery, type ReceiverDeps } from '../../webhooks/receive'
import { createRateLimiter } from '../../webhooks/receiver-state'
import { createEventWriter } from '../../events/writer'
import { encryptForKayle, generateEncryptionKey } from './jwe'
import { sampleEvent } from './sandbox/events'
import { signKayle } from './signature'
import { createEndpointKey, privateKeys, signingSecrets, storeSigningSecret } from './vault'

process.env.AUTH_SECRET = 'kayle-receiver-test-secret-0123456789abcdef'

/** As the route file serves it: a web Request in, a Response out. */
const receiveKayle = (req: Request, deps: ReceiverDeps) =>
  webHandler((incoming) => receiveDelivery(kayleDefinition, incoming, deps))(req)

const SECRET = 'whsec_receiver_test'
const now = () => Math.floor(Date.now() / 1000)

describeEachDatabase('Kayle receiver', (fresh) => {
  /** A database with one endpoint's signing secret and key pair, as the console keeps them. */
  async function setup(opts: { maxBodyBytes?: number } = {}) {
    const database = await fresh()
    const db = database.db
    await storeSigningSecret(db, 'we_1', SECRET)
    let publicJwk: JsonWebKey | undefined
    const key = await createEndpointKey(
      db,
      {
        registerKey: async (endpointId, input) => {
          publicJwk = input.jwk
          const at = new Date().toISOString()
          return {
            id: 'whk_1',
            keyId: input.keyId,
            endpointId,
            algorithm: 'RSA-OAEP-256',
            keyType: 'RSA',
            jwk: {},
            isActive: true,
            status: 'active',
            createdAt: at,
            updatedAt: at,
            disabledAt: null,
          }
        },
      },
      'we_1',
    )
    const deps = {
      db,
      writer: createEventWriter(db),
      secrets: () => signingSecrets(db),
      keys: () => privateKeys(db),
      limiter: createRateLimiter(1000),
      maxBodyBytes: opts.maxBodyBytes ?? 64 * 1024,
    }
    const receive = (body: BodyInit, headers: Record<string, string> = {}) =>
      receiveKayle(
        new Request('http://console.test/api/webhooks/kayle', {
          method: 'POST',
          body,
          headers: {
            'content-type': 'application/jose',
            'x-forwarded-for': '203.0.113.9',
            ...headers,
          },
        }),
        deps,
      )
    return { db, deps, receive, keyId: key.keyId, publicJwk: publicJwk! }
  }

  const signed = (body: string, secret = SECRET, t = now()) => ({
    'x-kayle-signature': signKayle(body, secret, t),
    'x-kayle-event': 'verification.session.succeeded',
  })
  const row = async (db: Db, id: string) =>
    (
      await db
        .select()
        .from(events)
        .where(eq(events.id, Number(id)))
    )[0]!
  /** The row a receiver's answer names, after checking the answer's status when one is given. */
  const rowOf = async (db: Db, answer: Response, status?: number) => {
    if (status !== undefined) expect(answer.status).toBe(status)
    return row(db, ((await answer.json()) as { id: string }).id)
  }

  it('stores a verified delivery with its decrypted payload and the raw JWE', async () => {
    const { db, receive, keyId, publicJwk } = await setup()
    const event = sampleEvent('verification.session.succeeded')
    const jwe = await encryptForKayle(event, publicJwk, keyId)
    const res = await receive(jwe, signed(jwe))
    expect(res.status).toBe(200)
    const answer = (await res.json()) as { received: boolean; id: string }
    expect(answer).toEqual({ received: true, id: expect.any(String) })
    expect(res.headers.get('cache-control')).toBe('no-store')

    const stored = await row(db, answer.id)
    expect(stored).toMatchObject({
      provider: 'kayle',
      verdict: 'verified',
      rejected: false,
      responseStatus: 200,
      endpointId: 'we_1',
      parseStatus: 'ok',
      eventType: 'verification.session.succeeded',
      payload: event,
      contentType: 'application/jose',
      sourceIp: '203.0.113.9',
      dedupeKey: `kayle:${event.metadata.event_id}`,
      duplicateOf: null,
    })
    expect(Buffer.from(stored.body).toString('utf8')).toBe(jwe)
    expect(stored.headers['x-kayle-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
  })

  it('marks a redelivery of the same event as a duplicate', async () => {
    const { db, receive, keyId, publicJwk } = await setup()
    const jwe = await encryptForKayle(sampleEvent('verification.session.expired'), publicJwk, keyId)
    const first = (await (await receive(jwe, signed(jwe, SECRET, now() - 60))).json()) as {
      id: string
    }
    const again = await receive(jwe, signed(jwe))
    expect(again.status).toBe(200)
    const second = (await again.json()) as { id: string; duplicate_of: string }
    expect(second.duplicate_of).toBe(first.id)
    expect((await row(db, second.id)).duplicateOf).toBe(Number(first.id))
  })

  it('answers 400 to a bad signature, as Kayle’s guide says, and stores it rejected, without decrypting', async () => {
    const { db, receive, keyId, publicJwk } = await setup()
    const jwe = await encryptForKayle(sampleEvent('verification.session.failed'), publicJwk, keyId)
    const res = await receive(jwe, signed(jwe, 'whsec_forged'))
    expect(res.status).toBe(400)
    const answer = (await res.json()) as { id: string; error: string }
    expect(answer.error).toContain('does not match')
    expect(await row(db, answer.id)).toMatchObject({
      verdict: 'invalid',
      rejected: true,
      responseStatus: 400,
      parseStatus: 'undecryptable',
      payload: null,
      eventType: 'verification.session.succeeded', // from X-Kayle-Event: the body was never opened
      endpointId: null,
    })
  })

  it('answers 400 to a stale timestamp', async () => {
    const { receive, keyId, publicJwk } = await setup()
    const jwe = await encryptForKayle(sampleEvent('verification.session.failed'), publicJwk, keyId)
    const res = await receive(jwe, signed(jwe, SECRET, now() - 301))
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: string }).error).toContain('more than five minutes')
  })

  it('rejects unsigned deliveries by default and decrypts them when the policy allows', async () => {
    const { db, receive, keyId, publicJwk } = await setup()
    const jwe = await encryptForKayle(
      sampleEvent('verification.session.cancelled'),
      publicJwk,
      keyId,
    )
    expect(await rowOf(db, await receive(jwe), 400)).toMatchObject({
      verdict: 'unsigned',
      rejected: true,
      parseStatus: 'undecryptable',
      payload: null,
    })

    await setReceiverPolicy(db, { rejectUnsigned: false })
    try {
      // The key tells which endpoint it was, even without a signature.
      expect(await rowOf(db, await receive(jwe), 200)).toMatchObject({
        verdict: 'unsigned',
        rejected: false,
        parseStatus: 'ok',
        eventType: 'verification.session.cancelled',
        endpointId: 'we_1',
      })
    } finally {
      await setReceiverPolicy(db, { rejectUnsigned: true })
    }
  })

  it('stores a signed delivery no stored key opens as undecryptable', async () => {
    const { db, receive } = await setup()
    const stranger = await generateEncryptionKey()
    const jwe = await encryptForKayle(
      sampleEvent('verification.session.succeeded'),
      stranger.publicJwk,
      'key_elsewhere',
    )
    const res = await receive(jwe, signed(jwe))
    expect(res.status).toBe(200)
    const stored = await rowOf(db, res)
    expect(stored).toMatchObject({
      verdict: 'verified',
      parseStatus: 'undecryptable',
      payload: null,
      eventType: 'verification.session.succeeded',
      endpointId: 'we_1',
    })
    expect(stored.dedupeKey).toMatch(/^kayle-body:[0-9a-f]{64}$/)

    // Bodies that are not JWEs at all are stored the same way, and an empty one as empty.
    const junk = await receive('{"type":"plain"}', signed('{"type":"plain"}'))
    expect((await rowOf(db, junk)).parseStatus).toBe('undecryptable')
    const empty = await receive('', signed(''))
    expect((await rowOf(db, empty)).parseStatus).toBe('empty')
  })

  it('verifies with a secret stored after the first lookup', async () => {
    const { db, deps, keyId, publicJwk } = await setup()
    let lookups = 0
    const cachedOnce = async (opts?: { refresh?: boolean }) =>
      lookups++ === 0 && !opts?.refresh ? [] : signingSecrets(db)
    const jwe = await encryptForKayle(
      sampleEvent('verification.session.succeeded'),
      publicJwk,
      keyId,
    )
    const req = new Request('http://console.test/api/webhooks/kayle', {
      method: 'POST',
      body: jwe,
      headers: signed(jwe),
    })
    const res = await receiveKayle(req, { ...deps, secrets: cachedOnce })
    expect(res.status).toBe(200)
    expect((await rowOf(db, res)).verdict).toBe('verified')
  })

  it('answers 413 to an oversized body and stores nothing', async () => {
    const { db, receive } = await setup({ maxBodyBytes: 1024 })
    const big = 'a'.repeat(2048)
    const res = await receive(big, signed(big))
    expect(res.status).toBe(413)
    expect(((await res.json()) as { error: string }).error).toContain('larger than 1024 bytes')
    expect(await db.select().from(events)).toEqual([])
  })

  it('answers 503 when the database refuses the write', async () => {
    const { deps, keyId, publicJwk } = await setup()
    const jwe = await encryptForKayle(
      sampleEvent('verification.session.succeeded'),
      publicJwk,
      keyId,
    )
    const broken = { write: () => Promise.reject(new Error('disk full')) }
    const quiet = console.error
    console.error = () => {}
    try {
      const res = await receiveKayle(
        new Request('http://c.test/', { method: 'POST', body: jwe, headers: signed(jwe) }),
        { ...deps, writer: broken },
      )
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBe('5')
    } finally {
      console.error = quiet
    }
  })
})
