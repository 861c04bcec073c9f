import { describe, expect, it } from 'vitest'
import { json } from '../../test/http-server'
import { httpServerForFile, networkFailureOf, rejectionOf } from '../../test/provider-tests'
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
const ok = (data: unknown) => ({ data, error: null })

const server = httpServerForFile()

const client = (extra: Partial<Parameters<typeof createKayleClient>[0]> = {}) =>
  createKayleClient({ baseUrl: `${server().url}/`, apiKey: KEY, backoffMs: 5, ...extra })

const failure = (promise: Promise<unknown>) => rejectionOf(promise, KayleError)

const sent = (i = 0) => server().requests[i]!
const sentJson = (i = 0) => JSON.parse(sent(i).body) as unknown

describe('documented calls', () => {
  it('sends only the given fields', async () => {
    server().handle((_, res) => json(res, 201, ok({ endpoint: rawEndpoint, signing_secret: 's' })))
    await client().createEndpoint({ url: 'https://a.test' })
    expect(sentJson()).toEqual({ url: 'https://a.test' })
  })
})

describe('errors', () => {
  it('says where to set the key on 401, without echoing it', async () => {
    server().handle((_, res) =>
      json(res, 401, { data: null, error: { message: `invalid key ${KEY}` } }),
    )
    const error = await failure(client().listEndpoints())
    expect(error.kind).toBe('unauthorized')
    expect(error.message).toContain('KAYLE_API_KEY')
    expect(error.message).toContain('.env.local')
    expect(error.message).toContain('restart')
    expect(error.message).not.toContain(KEY)
    expect(server().requests).toHaveLength(1) // 401 is not retried
  })

  it('never repeats the key even inside Kayle’s own 400 message', async () => {
    server().handle((_, res) =>
      json(res, 400, { data: null, error: { message: `bad request from ${KEY}` } }),
    )
    const error = await failure(client().createEndpoint({ url: 'https://a.test' }))
    expect(error.message).not.toContain(KEY)
    expect(error.message).toContain('[redacted]')
  })

  it('retries GETs on 429 honouring Retry-After, then reports the wait', async () => {
    server().handle((_, res) =>
      json(res, 429, { data: null, error: { message: 'slow down' } }, { 'retry-after': '0' }),
    )
    const error = await failure(client({ retries: 2 }).listEndpoints())
    expect(server().requests).toHaveLength(3)
    expect(error.kind).toBe('rate_limited')
    server().requests.length = 0
    server().handle((_, res) => json(res, 429, {}, { 'retry-after': '120' }))
    const long = await failure(client().getEndpoint('we_1'))
    expect(server().requests).toHaveLength(1) // too long to wait for inside a page load
    expect(long.retryAfterSeconds).toBe(120)
    expect(long.message).toBe(
      'Kayle is limiting how fast requests are made. Wait 120 seconds and try again.',
    )
  })

  it('never retries mutations', async () => {
    server().handle((_, res) =>
      json(res, 503, { data: null, error: { message: 'down' } }, { 'retry-after': '0' }),
    )
    const error = await failure(client().createEndpoint({ url: 'https://a.test' }))
    expect(error.kind).toBe('server')
    expect(error.status).toBe(503)
    expect(error.message).toBe('Kayle had a problem answering (HTTP 503). Try again in a moment.')
    await failure(client().updateEndpoint('we_1', { enabled: false }))
    await failure(client().deleteEndpoint('we_1'))
    await failure(client().rotateSigningSecret('we_1'))
    await failure(client().retryDelivery('dlv_1'))
    await failure(client().deactivateKey('key_1'))
    expect(server().requests).toHaveLength(6)
  })

  it('reports a 500 with its status', async () => {
    server().handle((_, res) => json(res, 500, { data: null, error: { message: 'boom' } }))
    const error = await failure(client({ retries: 0 }).listDeliveries())
    expect(error).toMatchObject({ kind: 'server', status: 500 })
    expect(error.message).toContain('HTTP 500')
  })

  it('times out slow answers', async () => {
    server().handle((_, res) => setTimeout(() => json(res, 200, ok({ data: [] })), 1500))
    const error = await failure(client({ timeoutMs: 200 }).listEndpoints())
    expect(error.kind).toBe('timeout')
    expect(error.message).toMatch(/did not answer within/)
    expect(server().requests).toHaveLength(1) // a timeout is not retried
  })

  it('reports a network failure naming the host and KAYLE_API_BASE_URL', async () => {
    const error = await networkFailureOf(
      (baseUrl) => createKayleClient({ baseUrl, apiKey: KEY, backoffMs: 1 }).listEndpoints(),
      KayleError,
      (port) => `Could not reach Kayle at 127.0.0.1:${port}`,
    )
    expect(error.message).toContain('KAYLE_API_BASE_URL')
    expect(error.message).not.toContain(KEY)
  })

  it.each([
    ['invalid JSON', '{"data": ['],
    ['the wrong shape', JSON.stringify(ok({ data: [{ url: 'no id' }] }))],
    ['an empty body', ''],
  ])('reports %s as malformed', async (_, body) => {
    server().handle((_, res) => json(res, 200, body))
    expect((await failure(client().listEndpoints())).kind).toBe('malformed')
  })

  it('reports a create answer without a signing secret as malformed', async () => {
    server().handle((_, res) => json(res, 201, ok({ endpoint: rawEndpoint })))
    expect((await failure(client().createEndpoint({ url: 'https://a.test' }))).kind).toBe(
      'malformed',
    )
  })
})
