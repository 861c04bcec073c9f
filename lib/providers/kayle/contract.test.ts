import { exportJWK, generateKeyPair } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { json, startHttpServer } from '../../test/http-server'
import { startKayleDocServer, type KayleDocServer } from '../../test/kayle-doc-server'
import { createKayleClient, endpointBody, keyBody, PAGE_SIZE, type KayleClient } from './client'
import { KayleError } from './errors'
import { ENDPOINTS_PAGE_SIZE } from './endpoints'
import { KAYLE_EVENT_TYPE_NAMES } from './event-catalog'
import { checkKayleRequest, checkKayleResponse, kayleOperations } from './openapi/validate'
import { createdEndpointSchema, deliveryPageSchema, errorOf } from './schemas'

// The console's Kayle client against a server that follows Kayle's OpenAPI document and guides
// (lib/test/kayle-doc-server.ts), not the console's own sandbox: every request the client makes
// is checked against openapi-webhooks.json by ajv, and the documented examples must parse.

const API_KEY = 'kk_contract_test_key'
let kayle: KayleDocServer
let receiver: Awaited<ReturnType<typeof startHttpServer>>
let client: KayleClient
let publicJwk: JsonWebKey

beforeAll(async () => {
  kayle = await startKayleDocServer({ apiKey: API_KEY })
  receiver = await startHttpServer((_, res) => json(res, 500, { ok: false }))
  client = createKayleClient({ baseUrl: kayle.url, apiKey: API_KEY, retries: 0 })
  // 2048 bits: the documented minimum, and quick to make.
  const { publicKey } = await generateKeyPair('RSA-OAEP-256', {
    modulusLength: 2048,
    extractable: true,
  })
  publicJwk = { ...(await exportJWK(publicKey)), alg: 'RSA-OAEP-256', use: 'enc' } as JsonWebKey
})
afterAll(async () => {
  await kayle?.close()
  await receiver?.close()
})

const problemsSoFar = () =>
  kayle.requests
    .filter((r) => r.problems.length)
    .map((r) => `${r.method} ${r.path}${r.query}: ${r.problems.join('; ')}`)

describe('every call the client makes validates against openapi-webhooks.json', () => {
  it('runs the whole documented lifecycle with no request refused', async () => {
    const { endpoint, signingSecret } = await client.createEndpoint({
      url: `${receiver.url}/kayle`,
      name: 'Contract',
      labels: ['contract'],
      enabled: true,
      subscribedEventTypes: [],
      undeliveredPayloadRetentionHours: 24,
    })
    expect(signingSecret).toMatch(/^whsec_/)
    // "Every event type" reaches Kayle as the four documented types.
    expect(endpoint.subscribedEventTypes).toEqual([...KAYLE_EVENT_TYPE_NAMES])
    expect(await client.getEndpoint(endpoint.id)).toMatchObject({
      id: endpoint.id,
      url: `${receiver.url}/kayle`,
    })
    expect(
      (await client.updateEndpoint(endpoint.id, { name: 'Renamed', labels: ['a', 'b'] })).name,
    ).toBe('Renamed')
    expect(await client.revealSigningSecret(endpoint.id)).toBe(signingSecret)
    const rotated = await client.rotateSigningSecret(endpoint.id)
    expect(rotated).not.toBe(signingSecret)

    const key = await client.registerKey(endpoint.id, {
      keyId: 'k1',
      jwk: { ...publicJwk, kid: 'k1' } as JsonWebKey,
    })
    expect(key).toMatchObject({
      keyId: 'k1',
      isActive: true,
      status: 'active',
      endpointId: endpoint.id,
    })
    expect(key.id).toMatch(/^whk_/)
    expect(
      (await client.listKeys(endpoint.id, { isActive: true, limit: 5 })).items.map((k) => k.id),
    ).toEqual([key.id])

    // A failed delivery (the receiver answers 500) keeps its payload: retry works, then 409 once it expired.
    const { event } = await kayle.emit('verification.session.failed', {
      type: 'verification.session.failed',
    })
    const [delivery] = await client.listDeliveries({
      endpointId: endpoint.id,
      eventId: String(event.id),
      status: 'failed',
      limit: 10,
    })
    expect(delivery).toMatchObject({
      endpointId: endpoint.id,
      attempts: 1,
      lastStatusCode: 500,
      retentionReason: 'terminal_failure_retention',
    })
    expect(delivery!.payloadExpiresAt).not.toBeNull()
    expect((await client.retryDelivery(delivery!.id)).status).toBe('pending')
    const events = await client.listEvents({
      type: 'verification.session.failed',
      createdFrom: '2000-01-01T00:00:00Z',
      limit: 10,
    })
    expect(events.items.map((e) => e.id)).toContain(event.id)
    const fetched = await client.getEvent(String(event.id))
    expect(fetched.deliveries[0]).toMatchObject({ id: delivery!.id, endpointId: endpoint.id })
    await waitFor(
      async () => (await client.getEvent(String(event.id))).deliveries[0]!.status === 'failed',
    )
    expect((await client.replayEvent(String(event.id))).id).toBe(event.id)
    await waitFor(
      async () => (await client.getEvent(String(event.id))).deliveries[0]!.status === 'failed',
    )

    kayle.expirePayload(delivery!.id)
    const retry = await client.retryDelivery(delivery!.id).catch((e: unknown) => e)
    expect(retry).toBeInstanceOf(KayleError)
    expect(retry).toMatchObject({ kind: 'conflict', status: 409, code: 'WEBHOOK_PAYLOAD_EXPIRED' })
    expect((retry as KayleError).message).toContain('no longer retained')
    expect((retry as KayleError).message).toContain('only be retried while')
    await expect(client.replayEvent(String(event.id))).rejects.toMatchObject({
      kind: 'conflict',
      status: 409,
    })

    const off = await client.deactivateKey(key.id)
    expect(off).toMatchObject({ isActive: false, status: 'inactive' })
    expect((await client.reactivateKey(key.id)).isActive).toBe(true)
    // A 404 is an error, never a silent success.
    await expect(client.deactivateKey('whk_missing')).rejects.toMatchObject({
      kind: 'not_found',
      status: 404,
    })

    await client.deleteEndpoint(endpoint.id)
    await expect(client.getEndpoint(endpoint.id)).rejects.toMatchObject({ kind: 'not_found' })

    expect(problemsSoFar()).toEqual([])
  })

  it('pages past 100 endpoints with pagination.next_cursor sent as starting_after', async () => {
    for (let i = 0; i < PAGE_SIZE + 5; i++)
      await client.createEndpoint({
        url: `https://example.com/hook/${i}`,
        subscribedEventTypes: ['verification.session.succeeded'],
      })
    const before = kayle.requests.length
    const all = await client.listAllEndpoints()
    expect(all).toHaveLength(PAGE_SIZE + 5)
    expect(new Set(all.map((e) => e.id)).size).toBe(PAGE_SIZE + 5)
    const pages = kayle.requests.slice(before)
    expect(pages).toHaveLength(2)
    expect(new URLSearchParams(pages[1]!.query).get('starting_after')).toBe(all[PAGE_SIZE - 1]!.id)
    // One page at a time, as the endpoints page asks: the cursor of a page leads to the next.
    const first = await client.listEndpoints({ limit: ENDPOINTS_PAGE_SIZE })
    expect(first).toMatchObject({ hasMore: true, nextCursor: all[ENDPOINTS_PAGE_SIZE - 1]!.id })
    const second = await client.listEndpoints({
      limit: ENDPOINTS_PAGE_SIZE,
      startingAfter: first.nextCursor!,
    })
    expect(second.endpoints.map((e) => e.id)).toEqual(
      all.slice(ENDPOINTS_PAGE_SIZE, 2 * ENDPOINTS_PAGE_SIZE).map((e) => e.id),
    )
    expect(problemsSoFar()).toEqual([])
  })

  it('calls only documented operations, and every documented operation is used', () => {
    const documented = new Set(kayleOperations())
    const used = new Set(
      kayle.requests.map((r) => {
        const check = checkKayleRequest(r.method, r.path, new URLSearchParams(r.query), r.body)
        return check.operation
          ? `${check.operation.method} ${check.operation.path}`
          : `UNDOCUMENTED ${r.method} ${r.path}`
      }),
    )
    expect([...used].filter((u) => !documented.has(u))).toEqual([])
    expect([...documented].filter((d) => !used.has(d))).toEqual([])
  })

  it('shows Kayle’s message and hint when it refuses a request', async () => {
    // An http:// URL that is not loopback: the documented server refuses it.
    const error = await client
      .createEndpoint({ url: 'http://example.com/hook' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(KayleError)
    expect(error).toMatchObject({
      kind: 'bad_request',
      status: 400,
      code: 'WEBHOOK_URL_REJECTED',
      hint: 'Use an https:// URL that is not a private address.',
    })
    expect((error as KayleError).message).toBe(
      'Kayle refused the request: url must use https://. Use an https:// URL that is not a private address.',
    )
  })
})

describe('the document refuses what the client must not send', () => {
  const keysPath = '/v1/webhooks/endpoints/whe_1/keys'

  it('refuses a field the document does not have (additionalProperties enforced on request bodies)', () => {
    const body = { ...endpointBody({ url: 'https://example.com/h' }), secret_field: 1 }
    expect(
      checkKayleRequest('POST', '/v1/webhooks/endpoints', new URLSearchParams(), body).problems,
    ).toEqual(['body must NOT have additional properties (secret_field)'])
    // The key body the console used to send: refused by the document.
    const old = { key_id: 'k1', public_jwk: publicJwk }
    expect(checkKayleRequest('POST', keysPath, new URLSearchParams(), old).problems).toContain(
      'body must NOT have additional properties (public_jwk)',
    )
  })

  it('accepts the bodies the client builds, and only documented keys are in them', () => {
    const full = endpointBody({
      url: 'https://example.com/h',
      name: 'n',
      labels: ['x'],
      enabled: false,
      subscribedEventTypes: [],
      undeliveredPayloadRetentionHours: 0,
    })
    expect(
      checkKayleRequest('POST', '/v1/webhooks/endpoints', new URLSearchParams(), full).problems,
    ).toEqual([])
    expect(
      checkKayleRequest('PATCH', '/v1/webhooks/endpoints/whe_1', new URLSearchParams(), full)
        .problems,
    ).toEqual([])
    const key = keyBody({
      keyId: 'k1',
      jwk: { ...publicJwk, d: 'private', kid: 'k1' } as JsonWebKey,
    })
    expect(key).toMatchObject({ key_id: 'k1', algorithm: 'RSA-OAEP-256', key_type: 'RSA' })
    expect(key.jwk).not.toHaveProperty('d')
    expect(checkKayleRequest('POST', keysPath, new URLSearchParams(), key).problems).toEqual([])
  })

  it('refuses undocumented query parameters and out-of-range limits', () => {
    expect(
      checkKayleRequest(
        'GET',
        '/v1/webhooks/endpoints',
        new URLSearchParams('cursor=abc'),
        undefined,
      ).problems,
    ).toEqual(['query parameter cursor is not documented for GET /v1/webhooks/endpoints'])
    expect(
      checkKayleRequest(
        'GET',
        '/v1/webhooks/deliveries',
        new URLSearchParams('limit=101'),
        undefined,
      ).problems,
    ).toHaveLength(1)
    expect(
      checkKayleRequest('POST', '/v1/webhooks/endpoints/whe_1/test', new URLSearchParams(), {})
        .operation,
    ).toBeNull()
  })

  it('holds the document’s limits: 8 labels, names up to 120, URLs up to 2048, retention 0/24/72/168', () => {
    const check = (body: unknown) =>
      checkKayleRequest('POST', '/v1/webhooks/endpoints', new URLSearchParams(), body).problems
    expect(
      check({ url: 'https://e.com', labels: Array.from({ length: 9 }, (_, i) => `l${i}`) }),
    ).toHaveLength(1)
    expect(check({ url: 'https://e.com', name: 'x'.repeat(121) })).toHaveLength(1)
    expect(check({ url: `https://e.com/${'x'.repeat(2048)}` })).toHaveLength(1)
    expect(
      check({ url: 'https://e.com', undelivered_payload_retention_hours: 48 }).length,
    ).toBeGreaterThan(0)
    expect(
      check({ url: 'https://e.com', subscribed_event_types: ['verification.session.started'] }),
    ).toHaveLength(1)
  })
})

describe('the documented examples parse with the client’s schemas', () => {
  it('reads the create-endpoint answer of configuring-endpoints.mdx', () => {
    const example = {
      data: {
        endpoint: {
          id: 'whe_...',
          organization_id: '...',
          name: 'Production webhook',
          url: 'https://yourapp.com/webhooks/kayle',
          enabled: true,
          subscribed_event_types: ['verification.session.succeeded', 'verification.session.failed'],
          undelivered_payload_retention_hours: 72,
          created_at: '2026-05-05T11:00:00Z',
          updated_at: '2026-05-05T11:00:00Z',
          disabled_at: null,
        },
        signing_secret: 'whsec_...',
      },
      error: null,
    }
    // The guide's example leaves out `labels`, which the schema lists as required: the document
    // and its guide disagree, so the client reads a missing `labels` as none.
    const parsed = createdEndpointSchema.safeParse(example)
    expect(parsed.success).toBe(true)
    expect(parsed.data).toMatchObject({
      signingSecret: 'whsec_...',
      endpoint: { id: 'whe_...', labels: [], undeliveredPayloadRetentionHours: 72 },
    })
  })

  it('reads the deliveries list of deliveries.mdx, which also validates against the document', () => {
    const example = {
      data: [
        {
          id: 'whd_...',
          event_id: 'evt_...',
          webhook_endpoint_id: 'whe_...',
          webhook_encryption_key_id: null,
          status: 'failed',
          attempt_count: 3,
          next_attempt_at: null,
          payload_expires_at: '2026-05-08T11:03:30Z',
          payload_scrubbed_at: null,
          payload_retention_reason: 'terminal_failure_retention',
          last_status_code: 502,
          last_attempt_at: '2026-05-05T11:03:30Z',
          created_at: '2026-05-05T11:00:00Z',
          updated_at: '2026-05-05T11:03:30Z',
        },
      ],
      pagination: { limit: 50, has_more: false, next_cursor: null },
      error: null,
    }
    expect(checkKayleResponse('GET', '/v1/webhooks/deliveries', 200, example)).toEqual([])
    const page = deliveryPageSchema.parse(example)
    expect(page).toMatchObject({ hasMore: false, nextCursor: null })
    expect(page.items[0]).toMatchObject({
      endpointId: 'whe_...',
      attempts: 3,
      retentionReason: 'terminal_failure_retention',
      payloadExpiresAt: '2026-05-08T11:03:30Z',
    })
  })

  it('reads the error envelope of errors.mdx', () => {
    expect(
      errorOf({
        data: null,
        error: {
          code: 'UNKNOWN_CLAIM_KEY',
          message: 'Unknown claim key.',
          hint: 'Use a supported claim key from the share contract allowlist.',
          docs: 'https://kayle.id/docs/api/sessions#create',
        },
      }),
    ).toEqual({
      code: 'UNKNOWN_CLAIM_KEY',
      message: 'Unknown claim key.',
      hint: 'Use a supported claim key from the share contract allowlist.',
      docs: 'https://kayle.id/docs/api/sessions#create',
    })
  })
})

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000) {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 25))
  }
}
