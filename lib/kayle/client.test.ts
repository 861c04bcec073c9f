import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { json, startHttpServer } from '../test/http-server'
import { createKayleClient } from './client'
import { KayleError } from './errors'

const KEY = 'kayle_live_test_key_1234'
const rawEndpoint = {
  id: 'we_123',
  organization_id: 'org_1',
  name: 'Production',
  labels: ['prod'],
  url: 'https://example.com/webhooks/kayle',
  enabled: true,
  subscribed_event_types: ['verification.session.succeeded'],
  created_at: '2025-01-15T10:30:00Z',
  updated_at: '2025-01-16T10:30:00Z',
  disabled_at: null,
  undelivered_payload_retention_hours: 24,
}
const endpoint = {
  id: 'we_123',
  organizationId: 'org_1',
  name: 'Production',
  labels: ['prod'],
  url: 'https://example.com/webhooks/kayle',
  enabled: true,
  subscribedEventTypes: ['verification.session.succeeded'],
  createdAt: '2025-01-15T10:30:00.000Z',
  updatedAt: '2025-01-16T10:30:00.000Z',
  disabledAt: null,
  undeliveredPayloadRetentionHours: 24,
}
const rawDelivery = {
  id: 'dlv_1',
  endpoint_id: 'we_123',
  event_id: 'evt_1',
  event_type: 'verification.session.failed',
  status: 'failed',
  attempts: 2,
  last_status_code: 500,
  next_attempt_at: '2025-01-15T11:00:00Z',
  created_at: '2025-01-15T10:30:00Z',
  updated_at: '2025-01-15T10:35:00Z',
}
const ok = (data: unknown) => ({ data, error: null })

let server: Awaited<ReturnType<typeof startHttpServer>>
beforeAll(async () => {
  server = await startHttpServer()
})
afterAll(() => server.close())
beforeEach(() => {
  server.requests.length = 0
})

const client = (extra: Partial<Parameters<typeof createKayleClient>[0]> = {}) =>
  createKayleClient({ baseUrl: `${server.url}/`, apiKey: KEY, backoffMs: 5, ...extra })

async function failure(promise: Promise<unknown>): Promise<KayleError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(KayleError)
  return error as KayleError
}

const sent = (i = 0) => server.requests[i]!
const sentJson = (i = 0) => JSON.parse(sent(i).body) as unknown

describe('documented calls', () => {
  it('creates an endpoint with a bearer token and snake_case body', async () => {
    server.handle((_, res) => json(res, 201, ok({ endpoint: rawEndpoint, signing_secret: 'whsec_new' })))
    const created = await client().createEndpoint({
      url: rawEndpoint.url,
      name: 'Production',
      labels: ['prod'],
      enabled: true,
      subscribedEventTypes: ['verification.session.succeeded'],
      undeliveredPayloadRetentionHours: 24,
    })
    expect(created).toEqual({ endpoint, signingSecret: 'whsec_new' })
    expect(sent()).toMatchObject({ method: 'POST', url: '/v1/webhooks/endpoints' })
    expect(sent().headers.authorization).toBe(`Bearer ${KEY}`)
    expect(sent().headers['content-type']).toBe('application/json')
    expect(sent().headers.accept).toBe('application/json')
    expect(sentJson()).toEqual({
      url: rawEndpoint.url,
      name: 'Production',
      labels: ['prod'],
      enabled: true,
      subscribed_event_types: ['verification.session.succeeded'],
      undelivered_payload_retention_hours: 24,
    })
  })

  it('sends only the given fields', async () => {
    server.handle((_, res) => json(res, 201, ok({ endpoint: rawEndpoint, signing_secret: 's' })))
    await client().createEndpoint({ url: 'https://a.test' })
    expect(sentJson()).toEqual({ url: 'https://a.test' })
  })

  it('lists a page with limit and cursor', async () => {
    server.handle((_, res) => json(res, 200, ok({ data: [rawEndpoint], has_more: true, next_cursor: 'c2' })))
    const page = await client().listEndpoints({ limit: 10, cursor: 'c 1' })
    expect(page).toEqual({ endpoints: [endpoint], hasMore: true, nextCursor: 'c2' })
    expect(sent()).toMatchObject({ method: 'GET', url: '/v1/webhooks/endpoints?limit=10&cursor=c+1' })
    expect(sent().body).toBe('')
  })

  it('follows cursors to list every endpoint', async () => {
    server.handle((req, res) => {
      const cursor = new URL(req.url, 'http://x').searchParams.get('cursor')
      if (!cursor) return json(res, 200, ok({ data: [rawEndpoint], has_more: true, next_cursor: 'p2' }))
      if (cursor === 'p2') return json(res, 200, ok({ endpoints: [{ ...rawEndpoint, id: 'we_2' }], has_more: true, next_cursor: 'p3' }))
      return json(res, 200, ok({ data: [{ ...rawEndpoint, id: 'we_3' }], has_more: false, next_cursor: null }))
    })
    expect((await client().listAllEndpoints()).map((e) => e.id)).toEqual(['we_123', 'we_2', 'we_3'])
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/webhooks/endpoints?limit=100',
      '/v1/webhooks/endpoints?limit=100&cursor=p2',
      '/v1/webhooks/endpoints?limit=100&cursor=p3',
    ])
  })

  it('stops following cursors after 50 pages', async () => {
    let n = 0
    server.handle((_, res) => json(res, 200, ok({ data: [{ ...rawEndpoint, id: `we_${n}` }], has_more: true, next_cursor: `c${++n}` })))
    expect(await client().listAllEndpoints()).toHaveLength(50)
    expect(server.requests).toHaveLength(50)
  })

  it('gets, updates and deletes one endpoint by id', async () => {
    server.handle((req, res) => (req.method === 'DELETE' ? json(res, 200, ok(null)) : json(res, 200, ok({ endpoint: rawEndpoint }))))
    expect(await client().getEndpoint('we/1')).toEqual(endpoint)
    expect(await client().updateEndpoint('we_123', { enabled: false, name: 'Renamed' })).toEqual(endpoint)
    await client().deleteEndpoint('we_123')
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /v1/webhooks/endpoints/we%2F1',
      'PATCH /v1/webhooks/endpoints/we_123',
      'DELETE /v1/webhooks/endpoints/we_123',
    ])
    expect(sentJson(1)).toEqual({ enabled: false, name: 'Renamed' })
  })

  it('reveals and rotates the signing secret', async () => {
    server.handle((req, res) => json(res, 200, ok({ signing_secret: req.url.endsWith('/rotate') ? 'whsec_rotated' : 'whsec_current' })))
    expect(await client().revealSigningSecret('we_123')).toBe('whsec_current')
    expect(await client().rotateSigningSecret('we_123')).toBe('whsec_rotated')
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /v1/webhooks/endpoints/we_123/signing-secret/reveal',
      'POST /v1/webhooks/endpoints/we_123/signing-secret/rotate',
    ])
  })

  it('registers and deactivates keys', async () => {
    const key = { key_id: 'key_1', endpoint_id: 'we_123', status: 'active', created_at: '2025-01-15T10:30:00Z' }
    server.handle((req, res) => json(res, 200, req.url.endsWith('/deactivate') ? ok({ ...key, status: 'inactive' }) : ok({ key })))
    const publicJwk = { kty: 'RSA', n: 'abc', e: 'AQAB', alg: 'RSA-OAEP-256' }
    expect(await client().registerKey('we_123', { keyId: 'key_1', publicJwk })).toEqual({
      keyId: 'key_1',
      endpointId: 'we_123',
      status: 'active',
      createdAt: '2025-01-15T10:30:00.000Z',
    })
    expect(sent()).toMatchObject({ method: 'POST', url: '/v1/webhooks/endpoints/we_123/keys' })
    expect(sentJson()).toEqual({ key_id: 'key_1', public_jwk: publicJwk })
    expect((await client().deactivateKey('key_1')).status).toBe('inactive')
    expect(sent(1)).toMatchObject({ method: 'POST', url: '/v1/webhooks/keys/key_1/deactivate' })
  })

  it('lists deliveries with filters and retries one', async () => {
    server.handle((req, res) =>
      req.method === 'GET' ? json(res, 200, ok({ deliveries: [rawDelivery], has_more: false })) : json(res, 200, ok({ delivery: { ...rawDelivery, status: 'succeeded' } })),
    )
    const [delivery] = await client().listDeliveries({ status: 'failed', endpointId: 'we_123', eventId: 'evt_1', limit: 5 })
    expect(delivery).toEqual({
      id: 'dlv_1',
      endpointId: 'we_123',
      eventId: 'evt_1',
      eventType: 'verification.session.failed',
      status: 'failed',
      attempts: 2,
      lastStatusCode: 500,
      nextAttemptAt: '2025-01-15T11:00:00.000Z',
      createdAt: '2025-01-15T10:30:00.000Z',
      updatedAt: '2025-01-15T10:35:00.000Z',
    })
    expect(sent().url).toBe('/v1/webhooks/deliveries?status=failed&endpoint_id=we_123&event_id=evt_1&limit=5')
    expect((await client().retryDelivery('dlv_1')).status).toBe('succeeded')
    expect(sent(1)).toMatchObject({ method: 'POST', url: '/v1/webhooks/deliveries/dlv_1/retry' })
  })
})

describe('tolerant parsing', () => {
  it.each([
    ['data.data', ok({ data: [rawEndpoint], has_more: false, next_cursor: null })],
    ['data.endpoints', ok({ endpoints: [rawEndpoint] })],
    ['data as an array, paging at the top', { data: [rawEndpoint], error: null, has_more: true, next_cursor: 'n' }],
  ])('reads the endpoint list under %s', async (_, body) => {
    server.handle((_, res) => json(res, 200, body))
    const page = await client().listEndpoints()
    expect(page.endpoints).toEqual([endpoint])
    expect(page.hasMore).toBe(!!(body as { has_more?: boolean }).has_more)
  })

  it('reads an endpoint given directly and fills missing optional fields', async () => {
    server.handle((_, res) => json(res, 200, ok({ id: 'we_9', url: 'https://a.test', labels: null, created_at: 1736937000 })))
    expect(await client().getEndpoint('we_9')).toEqual({
      id: 'we_9',
      organizationId: '',
      name: null,
      labels: [],
      url: 'https://a.test',
      enabled: true,
      subscribedEventTypes: [],
      createdAt: '2025-01-15T10:30:00.000Z',
      updatedAt: '2025-01-15T10:30:00.000Z',
      disabledAt: null,
      undeliveredPayloadRetentionHours: 72,
    })
  })

  it('reads a key given directly and a delivery list as a bare array', async () => {
    server.handle((req, res) =>
      req.method === 'GET' ? json(res, 200, ok([rawDelivery])) : json(res, 200, ok({ key_id: 'key_2', endpoint_id: 'we_1', status: 'active', created_at: '2025-01-15T10:30:00Z' })),
    )
    expect((await client().registerKey('we_1', { keyId: 'key_2', publicJwk: { kty: 'RSA' } })).keyId).toBe('key_2')
    expect((await client().listDeliveries()).map((d) => d.id)).toEqual(['dlv_1'])
    expect(sent(1).url).toBe('/v1/webhooks/deliveries')
  })
})

describe('errors', () => {
  it('shows Kayle’s own message on 400', async () => {
    server.handle((_, res) => json(res, 400, { data: null, error: { code: 'invalid_url', message: 'url must use https' } }))
    const error = await failure(client().createEndpoint({ url: 'http://x.test' }))
    expect(error.kind).toBe('bad_request')
    expect(error.code).toBe('invalid_url')
    expect(error.message).toBe('Kayle refused the request: url must use https')
  })

  it('says where to set the key on 401, without echoing it', async () => {
    server.handle((_, res) => json(res, 401, { data: null, error: { message: `invalid key ${KEY}` } }))
    const error = await failure(client().listEndpoints())
    expect(error.kind).toBe('unauthorized')
    expect(error.message).toContain('KAYLE_API_KEY')
    expect(error.message).toContain('.env.local')
    expect(error.message).toContain('restart')
    expect(error.message).not.toContain(KEY)
    expect(server.requests).toHaveLength(1) // 401 is not retried
  })

  it('never repeats the key even inside Kayle’s own 400 message', async () => {
    server.handle((_, res) => json(res, 400, { data: null, error: { message: `bad request from ${KEY}` } }))
    const error = await failure(client().createEndpoint({ url: 'https://a.test' }))
    expect(error.message).not.toContain(KEY)
    expect(error.message).toContain('[redacted]')
  })

  it('offers a refresh on 404', async () => {
    server.handle((_, res) => json(res, 404, { data: null, error: { code: 'not_found', message: 'no such endpoint' } }))
    const error = await failure(client().getEndpoint('gone'))
    expect(error.kind).toBe('not_found')
    expect(error.message).toMatch(/no longer exists in Kayle.*Refresh/)
  })

  it('retries GETs on 429 honouring Retry-After, then reports the wait', async () => {
    server.handle((_, res) => json(res, 429, { data: null, error: { message: 'slow down' } }, { 'retry-after': '0' }))
    const error = await failure(client({ retries: 2 }).listEndpoints())
    expect(server.requests).toHaveLength(3)
    expect(error.kind).toBe('rate_limited')
    server.requests.length = 0
    server.handle((_, res) => json(res, 429, {}, { 'retry-after': '120' }))
    const long = await failure(client().getEndpoint('we_1'))
    expect(server.requests).toHaveLength(1) // too long to wait for inside a page load
    expect(long.retryAfterSeconds).toBe(120)
    expect(long.message).toBe('Kayle is limiting how fast requests are made. Wait 120 seconds and try again.')
  })

  it('recovers when a retried GET succeeds after a 503', async () => {
    let calls = 0
    server.handle((_, res) => (++calls < 2 ? json(res, 503, 'busy') : json(res, 200, ok({ data: [rawEndpoint] }))))
    expect((await client().listEndpoints()).endpoints).toHaveLength(1)
    expect(calls).toBe(2)
  })

  it('never retries mutations', async () => {
    server.handle((_, res) => json(res, 503, { data: null, error: { message: 'down' } }, { 'retry-after': '0' }))
    const error = await failure(client().createEndpoint({ url: 'https://a.test' }))
    expect(error.kind).toBe('server')
    expect(error.status).toBe(503)
    expect(error.message).toBe('Kayle had a problem answering (HTTP 503). Try again in a moment.')
    await failure(client().updateEndpoint('we_1', { enabled: false }))
    await failure(client().deleteEndpoint('we_1'))
    await failure(client().rotateSigningSecret('we_1'))
    await failure(client().retryDelivery('dlv_1'))
    await failure(client().deactivateKey('key_1'))
    expect(server.requests).toHaveLength(6)
  })

  it('reports a 500 with its status', async () => {
    server.handle((_, res) => json(res, 500, { data: null, error: { message: 'boom' } }))
    const error = await failure(client({ retries: 0 }).listDeliveries())
    expect(error).toMatchObject({ kind: 'server', status: 500 })
    expect(error.message).toContain('HTTP 500')
  })

  it('times out slow answers', async () => {
    server.handle((_, res) => setTimeout(() => json(res, 200, ok({ data: [] })), 1500))
    const error = await failure(client({ timeoutMs: 200 }).listEndpoints())
    expect(error.kind).toBe('timeout')
    expect(error.message).toMatch(/did not answer within/)
    expect(server.requests).toHaveLength(1) // a timeout is not retried
  })

  it('reports a network failure naming the host and KAYLE_API_BASE_URL', async () => {
    const dead = await startHttpServer()
    await dead.close()
    const error = await failure(createKayleClient({ baseUrl: dead.url, apiKey: KEY, backoffMs: 1 }).listEndpoints())
    expect(error.kind).toBe('network')
    expect(error.message).toContain(`Could not reach Kayle at 127.0.0.1:${dead.port}`)
    expect(error.message).toContain('KAYLE_API_BASE_URL')
    expect(error.message).not.toContain(KEY)
  })

  it.each([
    ['invalid JSON', '{"data": ['],
    ['the wrong shape', JSON.stringify(ok({ data: [{ url: 'no id' }] }))],
    ['an empty body', ''],
  ])('reports %s as malformed', async (_, body) => {
    server.handle((_, res) => json(res, 200, body))
    expect((await failure(client().listEndpoints())).kind).toBe('malformed')
  })

  it('reports a create answer without a signing secret as malformed', async () => {
    server.handle((_, res) => json(res, 201, ok({ endpoint: rawEndpoint })))
    expect((await failure(client().createEndpoint({ url: 'https://a.test' }))).kind).toBe('malformed')
  })
})
