import { expect, it, vi } from 'vitest'
import { sql } from 'drizzle-orm'
import { rowsOf, type Database } from '../../../db/client'
import { describeEachDatabase } from '../../../test/databases'
import { serveHandler } from '../../../test/provider-tests'
import { startHttpServer } from '../../../test/http-server'
import { createKayleClient } from '../client'
import { KayleError } from '../errors'
import { decryptKayle, generateEncryptionKey } from '../jwe'
import { checkKayleResponse, checkKayleRequest } from '../openapi/validate'
import { verifyKayleSignature } from '../signature'
import { handleKayleSandboxRequest } from './handler'
import { kayleSandboxApiKey } from './store'

process.env.AUTH_SECRET = 'kayle-sandbox-test-secret-0123456789abcdef'
// The target servers listen on 127.0.0.1, which the sandbox refuses unless opted in.
vi.hoisted(() => {
  process.env.SANDBOX_ALLOW_HOSTS = '127.0.0.1'
})

type Json = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any
  error: { code: string; message: string; hint: string; docs: string } | null
  pagination?: { limit: number; has_more: boolean; next_cursor: string | null }
}

const serve = (database: Database) =>
  serveHandler((req) => handleKayleSandboxRequest(req, database.db), '/api/sandbox/kayle')

describeEachDatabase('Kayle sandbox', (fresh, defer) => {
  async function setup() {
    const database = await fresh()
    const receiver = await startHttpServer((_, res) => res.end('ok'))
    defer(receiver.close)
    const apiKey = await kayleSandboxApiKey(database.db)
    /** One API call straight into the handler; every documented answer is checked against Kayle's document. */
    async function call(
      method: string,
      path: string,
      body?: unknown,
      key = apiKey,
    ): Promise<{ status: number; json: Json }> {
      const req = new Request(`http://127.0.0.1/api/sandbox/kayle${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body:
          body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      })
      const res = await handleKayleSandboxRequest(req, database.db)
      const json = (await res.json()) as Json
      const url = new URL(path, 'http://x')
      const op = checkKayleRequest(method, url.pathname, new URLSearchParams(), undefined).operation
      // Statuses an operation does not list (401, 400 on lists) still use errors.mdx's envelope.
      if (op?.statuses.includes(String(res.status)))
        expect(
          checkKayleResponse(method, op.path, res.status, json),
          `${method} ${path} -> ${res.status}`,
        ).toEqual([])
      else if (res.status >= 400)
        expect(json).toMatchObject({
          data: null,
          error: {
            code: expect.any(String),
            message: expect.any(String),
            hint: expect.any(String),
            docs: expect.any(String),
          },
        })
      return { status: res.status, json }
    }
    async function create(extra: Record<string, unknown> = {}) {
      const { status, json } = await call('POST', '/v1/webhooks/endpoints', {
        url: `${receiver.url}/hook`,
        ...extra,
      })
      expect(status).toBe(200)
      return json.data as {
        endpoint: Record<string, unknown> & { id: string }
        signing_secret: string
      }
    }
    async function addKey(endpointId: string, keyId = 'key_a') {
      const pair = await generateEncryptionKey()
      const res = await call('POST', `/v1/webhooks/endpoints/${endpointId}/keys`, {
        key_id: keyId,
        algorithm: 'RSA-OAEP-256',
        key_type: 'RSA',
        jwk: pair.publicJwk,
      })
      expect(res.status).toBe(200)
      return { ...pair, keyId, id: (res.json.data as { id: string }).id }
    }
    return { database, receiver, apiKey, call, create, addKey }
  }

  it('creates, reads, updates and deletes endpoints in the documented shapes', async () => {
    const { call, create, receiver } = await setup()
    const created = await create({
      name: 'Checkout',
      labels: ['prod'],
      subscribed_event_types: ['verification.session.failed'],
    })
    expect(created.signing_secret).toMatch(/^whsec_/)
    expect(created.endpoint).toMatchObject({
      organization_id: 'org_sandbox',
      name: 'Checkout',
      labels: ['prod'],
      enabled: true,
      undelivered_payload_retention_hours: 72,
      disabled_at: null,
    })
    const id = created.endpoint.id
    // Kayle's documents name endpoints whe_… (configuring-endpoints.mdx, encryption.mdx).
    expect(id).toMatch(/^whe_/)
    expect((await call('GET', `/v1/webhooks/endpoints/${id}`)).json.data).toMatchObject({
      id,
      url: `${receiver.url}/hook`,
    })
    const paused = await call('PATCH', `/v1/webhooks/endpoints/${id}`, {
      enabled: false,
      name: null,
    })
    expect(paused.json.data).toMatchObject({
      enabled: false,
      name: null,
      disabled_at: expect.any(String),
    })
    expect((await call('DELETE', `/v1/webhooks/endpoints/${id}`)).json.data).toEqual({
      message: expect.any(String),
      status: 'success',
    })
    expect((await call('GET', `/v1/webhooks/endpoints/${id}`)).status).toBe(404)
  })

  it('refuses missing and unknown fields with 400 in Kayle’s error envelope', async () => {
    const { call, create } = await setup()
    const missing = await call('POST', '/v1/webhooks/endpoints', { name: 'no url' })
    expect(missing.status).toBe(400)
    expect(missing.json).toEqual({
      data: null,
      error: {
        code: 'BAD_REQUEST',
        message: expect.stringContaining("required property 'url'"),
        hint: expect.any(String),
        docs: expect.stringMatching(/^https:\/\//),
      },
    })
    const unknown = await call('POST', '/v1/webhooks/endpoints', {
      url: 'https://example.com/h',
      secret: 'x',
    })
    expect(unknown.json.error?.message).toContain('additional properties (secret)')
    expect(
      (
        await call('POST', '/v1/webhooks/endpoints', {
          url: 'https://example.com/h',
          labels: Array(9).fill('x'),
        })
      ).status,
    ).toBe(400)
    expect(
      (await call('POST', '/v1/webhooks/endpoints', { url: 'http://example.com/h' })).json.error
        ?.code,
    ).toBe('WEBHOOK_URL_REJECTED')
    const { endpoint } = await create()
    // The body the console used to send for a key.
    const oldKey = await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/keys`, {
      key_id: 'k',
      public_jwk: { kty: 'RSA' },
    })
    expect(oldKey.status).toBe(400)
    expect(oldKey.json.error?.message).toContain("required property 'jwk'")
    expect((await call('GET', '/v1/webhooks/endpoints?cursor=1')).status).toBe(400)
    expect((await call('GET', '/v1/webhooks/deliveries?status=lost')).status).toBe(400)
  })

  it('pages with pagination.next_cursor and starting_after', async () => {
    const { call, create } = await setup()
    const ids: string[] = []
    for (let i = 0; i < 7; i++) ids.push((await create()).endpoint.id)
    const first = await call('GET', '/v1/webhooks/endpoints?limit=5')
    expect(first.json.pagination).toEqual({ limit: 5, has_more: true, next_cursor: ids[4] })
    const second = await call('GET', `/v1/webhooks/endpoints?limit=5&starting_after=${ids[4]}`)
    expect(second.json.data.map((e: { id: string }) => e.id)).toEqual(ids.slice(5))
    expect(second.json.pagination).toEqual({ limit: 5, has_more: false, next_cursor: null })
    expect(
      (await call('GET', '/v1/webhooks/endpoints?starting_after=whe_none')).json.error?.code,
    ).toBe('INVALID_REQUEST')
  })

  it('answers 401 to a wrong key, 404 to unknown paths and 405 to wrong methods', async () => {
    const { call } = await setup()
    expect((await call('GET', '/v1/webhooks/endpoints', undefined, 'wrong')).status).toBe(401)
    expect((await call('GET', '/v1/webhooks/nothing')).status).toBe(404)
    expect((await call('PUT', '/v1/webhooks/endpoints')).status).toBe(405)
  })

  it('reveals and rotates the signing secret with the endpoint id', async () => {
    const { call, create } = await setup()
    const { endpoint, signing_secret } = await create()
    expect(
      (await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/signing-secret/reveal`)).json.data,
    ).toEqual({ endpoint_id: endpoint.id, signing_secret })
    const rotated = (
      await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/signing-secret/rotate`)
    ).json.data
    expect(rotated.signing_secret).not.toBe(signing_secret)
    expect(
      (await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/signing-secret/reveal`)).json.data
        .signing_secret,
    ).toBe(rotated.signing_secret)
  })

  it('keeps signing secrets sealed in its own table', async () => {
    const { create, database } = await setup()
    const { signing_secret } = await create()
    const rows = JSON.stringify(
      rowsOf(await database.db.execute(sql`select * from kayle_sandbox_endpoints`)),
    )
    expect(rows).not.toContain(signing_secret)
  })

  it('registers keys active, and deactivates and reactivates them by Kayle’s whk_ id only', async () => {
    const { call, create, addKey } = await setup()
    const { endpoint } = await create()
    const key = await addKey(endpoint.id, 'key_live')
    expect(key.id).toMatch(/^whk_/)
    const listed = await call('GET', `/v1/webhooks/endpoints/${endpoint.id}/keys?is_active=true`)
    expect(listed.json.data).toEqual([
      expect.objectContaining({
        id: key.id,
        key_id: 'key_live',
        is_active: true,
        algorithm: 'RSA-OAEP-256',
        key_type: 'RSA',
        disabled_at: null,
      }),
    ])
    expect((await call('POST', '/v1/webhooks/keys/key_live/deactivate')).status).toBe(404)
    expect((await call('POST', `/v1/webhooks/keys/${key.id}/deactivate`)).json.data).toMatchObject({
      is_active: false,
      disabled_at: expect.any(String),
    })
    expect((await call('POST', `/v1/webhooks/keys/${key.id}/reactivate`)).json.data).toMatchObject({
      is_active: true,
      disabled_at: null,
    })
    const privateKey = await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/keys`, {
      key_id: 'k2',
      algorithm: 'RSA-OAEP-256',
      key_type: 'RSA',
      jwk: key.privateJwk,
    })
    expect(privateKey.status).toBe(400)
  })

  it('a new key is active and used at once; the previous one stays active until the caller deactivates it (encryption.mdx)', async () => {
    const { call, create, addKey, receiver } = await setup()
    const { endpoint } = await create()
    const first = await addKey(endpoint.id, 'key_first')
    const second = await addKey(endpoint.id, 'key_second')
    const keys = (await call('GET', `/v1/webhooks/endpoints/${endpoint.id}/keys`)).json
      .data as Array<{ key_id: string; is_active: boolean }>
    expect(keys.map((k) => [k.key_id, k.is_active])).toEqual([
      ['key_first', true],
      ['key_second', true],
    ])
    receiver.requests.length = 0
    await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/test`, {})
    const { keyId } = await decryptKayle(
      receiver.requests[0]!.body,
      [first, second].map((k) => ({ keyId: k.keyId, privateJwk: k.privateJwk })),
    )
    expect(keyId).toBe('key_second')
  })

  it('delivers signed, encrypted events; scrubs them on 2xx; retries and replays only retained payloads', async () => {
    const { call, create, addKey, receiver } = await setup()
    const { endpoint, signing_secret } = await create({ undelivered_payload_retention_hours: 24 })
    const key = await addKey(endpoint.id, 'key_live')
    receiver.requests.length = 0

    const sent = await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/test`, {
      event_type: 'verification.session.failed',
    })
    expect(sent.status).toBe(200)
    const delivered = sent.json.data
    expect(delivered).toMatchObject({
      webhook_endpoint_id: endpoint.id,
      status: 'succeeded',
      attempt_count: 1,
      last_status_code: 200,
      payload_retention_reason: 'delivered',
      payload_scrubbed_at: expect.any(String),
    })

    const [request] = receiver.requests
    expect(request?.headers['content-type']).toBe('application/jose')
    expect(request?.headers['x-kayle-delivery-id']).toBe(delivered.id)
    // …and deliveries whd_… (the retry operation in openapi-webhooks.json).
    expect(delivered.id).toMatch(/^whd_/)
    expect(request?.headers['x-kayle-event']).toBe('verification.session.failed')
    const signature = request!.headers['x-kayle-signature'] as string
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
    expect(
      verifyKayleSignature({
        body: request!.body,
        header: signature,
        secrets: [{ endpointId: endpoint.id, secret: signing_secret }],
      }).verdict,
    ).toBe('verified')
    const { payload, keyId } = await decryptKayle(request!.body, [
      { keyId: key.keyId, privateJwk: key.privateJwk },
    ])
    expect(keyId).toBe('key_live')
    expect(payload).toMatchObject({
      type: 'verification.session.failed',
      metadata: { event_id: delivered.event_id },
    })

    // deliveries.mdx: a scrubbed payload cannot be retried.
    const scrubbed = await call('POST', `/v1/webhooks/deliveries/${delivered.id}/retry`)
    expect(scrubbed.status).toBe(409)
    expect(scrubbed.json.error?.code).toBe('WEBHOOK_PAYLOAD_EXPIRED')

    receiver.handle((_, res) => res.writeHead(500).end())
    const failed = (
      await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/test`, {
        event_type: 'verification.session.failed',
      })
    ).json.data
    expect(failed).toMatchObject({
      status: 'failed',
      payload_retention_reason: 'terminal_failure_retention',
      payload_expires_at: expect.any(String),
      payload_scrubbed_at: null,
    })
    expect(
      (await call('GET', `/v1/webhooks/deliveries?event_id=${failed.event_id}`)).json.data.map(
        (d: { id: string }) => d.id,
      ),
    ).toEqual([failed.id])
    const events = await call('GET', '/v1/webhooks/events?type=verification.session.failed')
    expect(events.json.data.map((e: { id: string }) => e.id)).toEqual([
      failed.event_id,
      delivered.event_id,
    ])
    expect(
      (await call('GET', `/v1/webhooks/events/${failed.event_id}`)).json.data.deliveries,
    ).toEqual([expect.objectContaining({ id: failed.id, attempt_count: 1 })])
    expect((await call('POST', `/v1/webhooks/events/${delivered.event_id}/replay`)).status).toBe(
      409,
    )

    receiver.handle((_, res) => res.end('ok'))
    const replayed = await call('POST', `/v1/webhooks/events/${failed.event_id}/replay`)
    expect(replayed.status).toBe(202)
    expect(replayed.json.data.deliveries[0]).toMatchObject({
      status: 'succeeded',
      attempt_count: 2,
    })
    const last = receiver.requests.at(-1)!
    expect(
      verifyKayleSignature({
        body: last.body,
        header: last.headers['x-kayle-signature'] as string,
        secrets: [{ endpointId: endpoint.id, secret: signing_secret }],
      }).verdict,
    ).toBe('verified')
    expect((await call('POST', '/v1/webhooks/deliveries/whd_none/retry')).status).toBe(404)
  })

  it('keeps nothing to retry when the retention window is 0', async () => {
    const { call, create, addKey, receiver } = await setup()
    const { endpoint } = await create({ undelivered_payload_retention_hours: 0 })
    await addKey(endpoint.id)
    receiver.handle((_, res) => res.writeHead(502).end())
    const failed = (await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/test`)).json.data
    expect(failed).toMatchObject({
      status: 'failed',
      payload_retention_reason: 'expired',
      payload_expires_at: null,
    })
    expect(
      (await call('POST', `/v1/webhooks/deliveries/${failed.id}/retry`)).json.error?.code,
    ).toBe('WEBHOOK_PAYLOAD_EXPIRED')
  })

  it('serves the real client over HTTP', async () => {
    const { database, apiKey, receiver } = await setup()
    const sandbox = await serve(database)
    defer(sandbox.close)
    const client = createKayleClient({ baseUrl: sandbox.base, apiKey, backoffMs: 1 })
    const { endpoint, signingSecret } = await client.createEndpoint({
      url: `${receiver.url}/hook`,
      name: 'Client',
      labels: ['a', 'b'],
      subscribedEventTypes: [],
    })
    expect(endpoint).toMatchObject({
      name: 'Client',
      labels: ['a', 'b'],
      enabled: true,
      organizationId: 'org_sandbox',
      subscribedEventTypes: expect.arrayContaining(['verification.session.expired']),
    })
    expect(await client.revealSigningSecret(endpoint.id)).toBe(signingSecret)
    expect((await client.updateEndpoint(endpoint.id, { enabled: false })).disabledAt).not.toBeNull()
    expect((await client.listAllEndpoints()).map((e) => e.id)).toEqual([endpoint.id])
    const pair = await generateEncryptionKey()
    const key = await client.registerKey(endpoint.id, { keyId: 'key_c', jwk: pair.publicJwk })
    expect(key).toMatchObject({ keyId: 'key_c', isActive: true })
    expect((await client.deactivateKey(key.id)).isActive).toBe(false)
    expect((await client.reactivateKey(key.id)).isActive).toBe(true)
    await expect(client.deactivateKey('key_c')).rejects.toMatchObject({ kind: 'not_found' })
    expect(await client.listDeliveries({ endpointId: endpoint.id })).toEqual([])
    expect((await client.listEvents()).items).toEqual([])
    await client.deleteEndpoint(endpoint.id)
    const gone = await client.getEndpoint(endpoint.id).catch((e: unknown) => e)
    expect(gone).toBeInstanceOf(KayleError)
    expect((gone as KayleError).kind).toBe('not_found')
    const refused = await client
      .createEndpoint({ url: 'http://example.com' })
      .catch((e: unknown) => e as KayleError)
    expect(refused).toMatchObject({
      kind: 'bad_request',
      code: 'WEBHOOK_URL_REJECTED',
      hint: expect.any(String),
    })
  })
})
