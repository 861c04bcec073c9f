import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, expect, it, vi } from 'vitest'
import { sql } from 'drizzle-orm'
import { rowsOf, type Database } from '../../db/client'
import { describeEachDatabase } from '../../test/databases'
import { startHttpServer } from '../../test/http-server'
import { createKayleClient } from '../client'
import { KayleError } from '../errors'
import { decryptKayle, generateEncryptionKey } from '../jwe'
import { verifyKayleSignature } from '../signature'
import { handleKayleSandboxRequest } from './handler'
import { kayleSandboxApiKey } from './store'

process.env.AUTH_SECRET = 'kayle-sandbox-test-secret-0123456789abcdef'
// The target servers listen on 127.0.0.1, which the sandbox refuses unless opted in.
vi.hoisted(() => {
  process.env.SANDBOX_ALLOW_HOSTS = '127.0.0.1'
})

type Json = { data: Record<string, unknown> & { data?: Array<Record<string, unknown>> }; error: { code: string; message: string } | null }

/** Serves the handler on a real socket, as the console's route does, so the real client can talk to it. */
async function serve(database: Database) {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const request = new Request(new URL(req.url ?? '/', 'http://sandbox.test'), {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    })
    const answer = await handleKayleSandboxRequest(request, database.db)
    res.writeHead(answer.status, Object.fromEntries(answer.headers))
    res.end(Buffer.from(await answer.arrayBuffer()))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/sandbox/kayle`
  return { base, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) }
}

describeEachDatabase('Kayle sandbox', (fresh) => {
  const cleanup: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c()
  })

  async function setup() {
    const database = await fresh()
    cleanup.push(() => database.close())
    const receiver = await startHttpServer((_, res) => res.end('ok'))
    cleanup.push(receiver.close)
    const apiKey = await kayleSandboxApiKey(database.db)
    /** One API call straight into the handler. */
    async function call(method: string, path: string, body?: unknown, key = apiKey): Promise<{ status: number; json: Json }> {
      const req = new Request(`http://127.0.0.1/api/sandbox/kayle${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      })
      const res = await handleKayleSandboxRequest(req, database.db)
      return { status: res.status, json: (await res.json()) as Json }
    }
    async function create(extra: Record<string, unknown> = {}) {
      const { status, json } = await call('POST', '/v1/webhooks/endpoints', { url: `${receiver.url}/hook`, ...extra })
      expect(status).toBe(201)
      return json.data as { endpoint: Record<string, unknown> & { id: string }; signing_secret: string }
    }
    async function addKey(endpointId: string, keyId = 'key_a') {
      const pair = await generateEncryptionKey()
      const res = await call('POST', `/v1/webhooks/endpoints/${endpointId}/keys`, { key_id: keyId, public_jwk: pair.publicJwk })
      expect(res.status).toBe(201)
      return { ...pair, keyId }
    }
    return { database, receiver, apiKey, call, create, addKey }
  }

  it('creates, reads, updates and deletes endpoints in Kayle’s envelopes', async () => {
    const { call, create, receiver } = await setup()
    const created = await create({ name: 'Checkout', labels: ['prod'], subscribed_event_types: ['verification.session.failed'] })
    expect(created.signing_secret).toMatch(/^whsec_/)
    expect(created.endpoint).toMatchObject({
      id: expect.stringMatching(/^we_[0-9a-f]{16}$/),
      organization_id: 'org_sandbox',
      name: 'Checkout',
      labels: ['prod'],
      url: `${receiver.url}/hook`,
      enabled: true,
      subscribed_event_types: ['verification.session.failed'],
      disabled_at: null,
      undelivered_payload_retention_hours: 72,
    })
    const id = created.endpoint.id
    expect((await call('GET', `/v1/webhooks/endpoints/${id}`)).json).toEqual({ data: { endpoint: created.endpoint }, error: null })

    const paused = await call('PATCH', `/v1/webhooks/endpoints/${id}`, { enabled: false, name: 'Renamed' })
    expect(paused.status).toBe(200)
    expect(paused.json.data.endpoint).toMatchObject({ enabled: false, name: 'Renamed', disabled_at: expect.any(String), labels: ['prod'] })
    const resumed = await call('PATCH', `/v1/webhooks/endpoints/${id}`, { enabled: true, undelivered_payload_retention_hours: 0 })
    expect(resumed.json.data.endpoint).toMatchObject({ enabled: true, disabled_at: null, undelivered_payload_retention_hours: 0 })

    expect((await call('DELETE', `/v1/webhooks/endpoints/${id}`)).status).toBe(200)
    expect((await call('GET', `/v1/webhooks/endpoints/${id}`)).status).toBe(404)
    expect((await call('DELETE', `/v1/webhooks/endpoints/${id}`)).json.error).toMatchObject({ code: 'not_found' })
  })

  const badBodies: Array<[string, unknown, string]> = [
    ['an http URL elsewhere', { url: 'http://example.com/hook' }, 'url must use https://'],
    ['no URL', {}, 'url is required'],
    ['nine labels', { url: 'https://a.test', labels: Array.from({ length: 9 }, (_, i) => `l${i}`) }, 'labels must have at most 8 entries'],
    ['a 48-hour retention', { url: 'https://a.test', undelivered_payload_retention_hours: 48 }, 'undelivered_payload_retention_hours must be one of 0, 24, 72, 168'],
    ['an unknown event type', { url: 'https://a.test', subscribed_event_types: ['video.done'] }, 'subscribed_event_types may hold only'],
    ['a 121-character name', { url: 'https://a.test', name: 'n'.repeat(121) }, 'name must be 1 to 120 characters'],
    ['an unknown field', { url: 'https://a.test', colour: 'red' }, 'unknown field colour'],
    ['a body that is not JSON', '{"url":', 'the body must be a JSON object'],
  ]
  it('answers 400 with Kayle’s message to bad endpoint bodies', async () => {
    const { call } = await setup()
    for (const [name, body, message] of badBodies) {
      const res = await call('POST', '/v1/webhooks/endpoints', body)
      expect(res.status, name).toBe(400)
      expect(res.json.data, name).toBeNull()
      expect(res.json.error, name).toMatchObject({ code: 'invalid_request', message: expect.stringContaining(message) })
    }
    expect((await call('GET', '/v1/webhooks/endpoints')).json.data.data).toEqual([])
  })

  it('accepts https anywhere and http on localhost, and refuses an empty PATCH', async () => {
    const { call, create } = await setup()
    expect((await call('POST', '/v1/webhooks/endpoints', { url: 'https://example.com/hook' })).status).toBe(201)
    expect((await call('POST', '/v1/webhooks/endpoints', { url: 'http://localhost:3000/hook' })).status).toBe(201)
    const { endpoint } = await create()
    const empty = await call('PATCH', `/v1/webhooks/endpoints/${endpoint.id}`, {})
    expect(empty.status).toBe(400)
    expect(empty.json.error?.message).toContain('must change at least one of')
    expect((await call('PATCH', `/v1/webhooks/endpoints/${endpoint.id}`, { url: 'http://example.com' })).status).toBe(400)
    expect((await call('PATCH', '/v1/webhooks/endpoints/we_missing', { name: 'x' })).status).toBe(404)
  })

  it('pages endpoints with a cursor', async () => {
    const { call, create } = await setup()
    const ids = []
    for (let i = 0; i < 5; i++) ids.push((await create({ name: `e${i}` })).endpoint.id)
    const first = await call('GET', '/v1/webhooks/endpoints?limit=2')
    expect(first.json.data.data?.map((e) => e.id)).toEqual(ids.slice(0, 2))
    expect(first.json.data).toMatchObject({ has_more: true, next_cursor: expect.any(String) })
    const second = await call('GET', `/v1/webhooks/endpoints?limit=2&cursor=${first.json.data.next_cursor as string}`)
    const third = await call('GET', `/v1/webhooks/endpoints?limit=2&cursor=${second.json.data.next_cursor as string}`)
    expect(second.json.data.data?.map((e) => e.id)).toEqual(ids.slice(2, 4))
    expect(third.json.data).toMatchObject({ data: [expect.objectContaining({ id: ids[4] })], has_more: false, next_cursor: null })
    expect((await call('GET', '/v1/webhooks/endpoints?limit=0')).status).toBe(400)
    expect((await call('GET', '/v1/webhooks/endpoints?cursor=abc')).status).toBe(400)
  })

  it('answers 401 to a wrong or missing key, 404 to unknown paths and 405 to wrong methods', async () => {
    const { call } = await setup()
    const wrong = await call('GET', '/v1/webhooks/endpoints', undefined, 'ksbx_wrong')
    expect(wrong.status).toBe(401)
    expect(wrong.json).toEqual({ data: null, error: { code: 'unauthorized', message: expect.any(String) } })
    const bare = await handleKayleSandboxRequest(new Request('http://x/api/sandbox/kayle/v1/webhooks/endpoints'), (await setup()).database.db)
    expect(bare.status).toBe(401)
    expect((await call('GET', '/v1/webhooks/nothing')).status).toBe(404)
    const wrongMethod = await call('PUT', '/v1/webhooks/endpoints/we_1')
    expect(wrongMethod.status).toBe(405)
  })

  it('reveals and rotates the signing secret', async () => {
    const { call, create } = await setup()
    const { endpoint, signing_secret } = await create()
    const revealed = await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/signing-secret/reveal`)
    expect(revealed.json.data).toEqual({ signing_secret })
    const rotated = await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/signing-secret/rotate`)
    expect(rotated.json.data.signing_secret).toMatch(/^whsec_/)
    expect(rotated.json.data.signing_secret).not.toBe(signing_secret)
    expect((await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/signing-secret/reveal`)).json.data).toEqual(rotated.json.data)
    expect((await call('POST', '/v1/webhooks/endpoints/we_none/signing-secret/rotate')).status).toBe(404)
  })

  it('keeps signing secrets sealed in its own table', async () => {
    const { create, database } = await setup()
    const { signing_secret } = await create()
    const rows = JSON.stringify(rowsOf(await database.db.execute(sql`select * from kayle_sandbox_endpoints`)))
    expect(rows).not.toContain(signing_secret)
  })

  it('registers RSA public keys and deactivates them', async () => {
    const { call, create, addKey } = await setup()
    const { endpoint } = await create()
    const pair = await addKey(endpoint.id, 'key_one')
    const again = await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/keys`, { key_id: 'key_one', public_jwk: pair.publicJwk })
    expect(again.status).toBe(409)
    const priv = await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/keys`, { key_id: 'key_two', public_jwk: pair.privateJwk })
    expect(priv.json.error?.message).toContain('must be a public key')
    const ec = await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/keys`, { key_id: 'key_three', public_jwk: { kty: 'EC', crv: 'P-256' } })
    expect(ec.json.error?.message).toContain('RSA')
    expect((await call('POST', '/v1/webhooks/endpoints/we_none/keys', { key_id: 'k', public_jwk: pair.publicJwk })).status).toBe(404)

    const off = await call('POST', '/v1/webhooks/keys/key_one/deactivate')
    expect(off.json.data.key).toMatchObject({ key_id: 'key_one', endpoint_id: endpoint.id, status: 'inactive' })
    expect((await call('POST', '/v1/webhooks/keys/key_none/deactivate')).status).toBe(404)
  })

  it('delivers an encrypted, signed test event and lists it', async () => {
    const { call, create, addKey, receiver } = await setup()
    const { endpoint, signing_secret } = await create()
    const key = await addKey(endpoint.id, 'key_live')
    receiver.requests.length = 0

    const sent = await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/test`, { event_type: 'verification.session.failed' })
    expect(sent.status).toBe(200)
    expect(sent.json.data.delivery).toMatchObject({
      id: expect.stringMatching(/^dlv_/),
      endpoint_id: endpoint.id,
      event_type: 'verification.session.failed',
      status: 'succeeded',
      attempts: 1,
      last_status_code: 200,
      next_attempt_at: null,
    })

    const [delivery] = receiver.requests
    expect(delivery).toMatchObject({ method: 'POST', url: '/hook' })
    expect(delivery?.headers['content-type']).toBe('application/jose')
    expect(delivery?.headers['x-kayle-delivery-id']).toBe((sent.json.data.delivery as { id: string }).id)
    expect(delivery?.headers['x-kayle-event']).toBe('verification.session.failed')
    const verdict = verifyKayleSignature({
      body: delivery!.body,
      header: delivery!.headers['x-kayle-signature'] as string,
      secrets: [{ endpointId: endpoint.id, secret: signing_secret }],
    })
    expect(verdict.verdict).toBe('verified')
    const { payload, keyId } = await decryptKayle(delivery!.body, [{ keyId: key.keyId, privateJwk: key.privateJwk }])
    expect(keyId).toBe('key_live')
    expect(payload).toMatchObject({
      type: 'verification.session.failed',
      metadata: { contract_version: '2025-01-01', event_id: (sent.json.data.delivery as { event_id: string }).event_id, verification_session_id: expect.stringMatching(/^vs_/) },
      data: { status: 'failed', failure_reason: expect.any(String) },
    })

    const listed = await call('GET', `/v1/webhooks/deliveries?endpoint_id=${endpoint.id}&status=succeeded`)
    expect(listed.json.data.data?.map((d) => d.id)).toEqual([(sent.json.data.delivery as { id: string }).id])
    expect((await call('GET', '/v1/webhooks/deliveries?status=failed')).json.data.data).toEqual([])
    expect((await call('GET', '/v1/webhooks/deliveries?status=lost')).status).toBe(400)
  })

  it('refuses to send when Kayle would not: no active key, paused, not subscribed', async () => {
    const { call, create, addKey, receiver } = await setup()
    const { endpoint } = await create({ subscribed_event_types: ['verification.session.expired'] })
    const noKey = await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/test`, { event_type: 'verification.session.expired' })
    expect(noKey.status).toBe(409)
    expect(noKey.json.error).toMatchObject({ code: 'no_active_key', message: expect.stringContaining('has no active encryption key') })

    await addKey(endpoint.id, 'key_x')
    await call('POST', '/v1/webhooks/keys/key_x/deactivate')
    expect((await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/test`, { event_type: 'verification.session.expired' })).json.error?.code).toBe('no_active_key')

    await addKey(endpoint.id, 'key_y')
    expect((await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/test`)).json.error?.code).toBe('not_subscribed')
    await call('PATCH', `/v1/webhooks/endpoints/${endpoint.id}`, { enabled: false })
    expect((await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/test`, { event_type: 'verification.session.expired' })).json.error?.code).toBe('endpoint_disabled')
    expect((await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/test`, { event_type: 'nope' })).status).toBe(400)
    expect((await call('POST', '/v1/webhooks/endpoints/we_none/test')).status).toBe(404)
    expect(receiver.requests).toEqual([])
  })

  it('records a failed delivery and retries the same body with a fresh signature', async () => {
    const { call, create, addKey, receiver } = await setup()
    const { endpoint, signing_secret } = await create()
    await addKey(endpoint.id)
    receiver.handle((_, res) => res.writeHead(500).end())
    const failed = (await call('POST', `/v1/webhooks/endpoints/${endpoint.id}/test`)).json.data.delivery as Record<string, unknown>
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, last_status_code: 500, next_attempt_at: expect.any(String) })

    receiver.handle((_, res) => res.end('ok'))
    const retried = await call('POST', `/v1/webhooks/deliveries/${failed.id as string}/retry`)
    expect(retried.json.data.delivery).toMatchObject({ id: failed.id, status: 'succeeded', attempts: 2, last_status_code: 200, next_attempt_at: null })
    const [first, second] = receiver.requests
    expect(second?.body).toBe(first?.body)
    expect(second?.headers['x-kayle-delivery-id']).toBe(first?.headers['x-kayle-delivery-id'])
    expect(verifyKayleSignature({ body: second!.body, header: second!.headers['x-kayle-signature'] as string, secrets: [{ endpointId: endpoint.id, secret: signing_secret }] }).verdict).toBe('verified')
    expect((await call('POST', '/v1/webhooks/deliveries/dlv_none/retry')).status).toBe(404)

    await receiver.close()
    const unreachable = (await call('POST', `/v1/webhooks/deliveries/${failed.id as string}/retry`)).json.data.delivery
    expect(unreachable).toMatchObject({ status: 'failed', attempts: 3, last_status_code: null })
  })

  it('serves the real client over HTTP', async () => {
    const { database, apiKey, receiver } = await setup()
    const sandbox = await serve(database)
    cleanup.push(sandbox.close)
    const client = createKayleClient({ baseUrl: sandbox.base, apiKey, backoffMs: 1 })
    const { endpoint, signingSecret } = await client.createEndpoint({ url: `${receiver.url}/hook`, name: 'Client', labels: ['a', 'b'] })
    expect(endpoint).toMatchObject({ name: 'Client', labels: ['a', 'b'], enabled: true, organizationId: 'org_sandbox' })
    expect(await client.revealSigningSecret(endpoint.id)).toBe(signingSecret)
    expect((await client.updateEndpoint(endpoint.id, { enabled: false })).disabledAt).not.toBeNull()
    expect((await client.listAllEndpoints()).map((e) => e.id)).toEqual([endpoint.id])
    const pair = await generateEncryptionKey()
    expect(await client.registerKey(endpoint.id, { keyId: 'key_c', publicJwk: pair.publicJwk })).toMatchObject({ keyId: 'key_c', status: 'active' })
    expect((await client.deactivateKey('key_c')).status).toBe('inactive')
    expect(await client.listDeliveries({ endpointId: endpoint.id })).toEqual([])
    await client.deleteEndpoint(endpoint.id)
    const gone = await client.getEndpoint(endpoint.id).catch((e: unknown) => e)
    expect(gone).toBeInstanceOf(KayleError)
    expect((gone as KayleError).kind).toBe('not_found')
    const refused = await client.createEndpoint({ url: 'http://example.com' }).catch((e: unknown) => e as KayleError)
    expect(refused).toMatchObject({ kind: 'bad_request', message: expect.stringContaining('url must use https://') })
  })
})
