import { describe, expect, it } from 'vitest'
import { createKonproClient } from './client'
import { KonproError } from './errors'
import { json } from '../../test/http-server'
import { httpServerForFile, networkFailureOf, rejectionOf } from '../../test/provider-tests'

const KEY = 'kp_live_test_key_1234'
const endpoint = {
  endpoint_id: 'webhook_123456',
  url: 'https://example.com/konpro/webhooks',
  secret: 'whsec_abc123def456',
  status: 'enabled',
  events: ['avatar_video.success'],
  username: 'user123',
  created_at: '2024-01-15T10:30:00Z',
}

const server = httpServerForFile()

const client = (extra: Partial<Parameters<typeof createKonproClient>[0]> = {}) =>
  createKonproClient({ baseUrl: server().url, apiKey: KEY, backoffMs: 5, ...extra })

const failure = (promise: Promise<unknown>) => rejectionOf(promise, KonproError)

describe('documented calls', () => {
  it('adds an endpoint with the documented request', async () => {
    server().handle((_, res) => json(res, 201, endpoint))
    const created = await client().addEndpoint({
      url: endpoint.url,
      events: ['avatar_video.success'],
      entityId: 'project123',
    })
    expect(created).toMatchObject({
      endpoint_id: 'webhook_123456',
      secret: 'whsec_abc123def456',
      created_at: '2024-01-15T10:30:00.000Z',
    })
    const [req] = server().requests
    expect(req?.method).toBe('POST')
    expect(req?.url).toBe('/v1/webhook/endpoint.add')
    expect(req?.headers['x-api-key']).toBe(KEY)
    expect(req?.headers.accept).toBe('application/json')
    expect(req?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(req?.body ?? '')).toEqual({
      url: endpoint.url,
      events: ['avatar_video.success'],
      entity_id: 'project123',
    })
  })

  it('lists endpoints from the documented `{ data: [...] }`', async () => {
    server().handle((_, res) =>
      json(res, 200, {
        data: [endpoint, { ...endpoint, endpoint_id: 'webhook_2', events: [], status: 'disabled' }],
      }),
    )
    const list = await client().listEndpoints()
    expect(list.map((e) => [e.endpoint_id, e.status, e.events])).toEqual([
      ['webhook_123456', 'enabled', ['avatar_video.success']],
      ['webhook_2', 'disabled', []],
    ])
    expect(server().requests[0]).toMatchObject({ method: 'GET', url: '/v1/webhook/endpoint.list' })
  })

  it('sends only the fields given to update', async () => {
    server().handle((_, res) => json(res, 200, endpoint))
    await client().updateEndpoint({ endpointId: 'webhook_123456', events: ['avatar_video.fail'] })
    expect(server().requests[0]).toMatchObject({
      method: 'PATCH',
      url: '/v1/webhook/endpoint.update',
    })
    expect(JSON.parse(server().requests[0]?.body ?? '')).toEqual({
      endpoint_id: 'webhook_123456',
      events: ['avatar_video.fail'],
    })
  })

  it('deletes by query parameter', async () => {
    server().handle((_, res) => json(res, 200, { code: 100, data: null, message: null }))
    await client().deleteEndpoint('webhook_1 23')
    expect(server().requests[0]).toMatchObject({
      method: 'DELETE',
      url: '/v1/webhook/endpoint.delete?endpoint_id=webhook_1%2023',
    })
  })
})

describe('tolerant parsing', () => {
  it('accepts a HeyGen-style envelope and `events: null`', async () => {
    server().handle((_, res) =>
      json(res, 200, { code: 100, data: [{ ...endpoint, events: null }], message: null }),
    )
    const [first] = await client().listEndpoints()
    expect(first?.events).toEqual([])
  })

  it('accepts `{ data: { endpoints: [...] } }`', async () => {
    server().handle((_, res) =>
      json(res, 200, { code: 100, data: { endpoints: [endpoint] }, message: null }),
    )
    expect(await client().listEndpoints()).toHaveLength(1)
  })

  it.each([
    ['{data: string[]}', { data: ['avatar_video.success', 'avatar_video.fail'] }],
    [
      '{data: objects}',
      {
        data: [
          { event_type: 'avatar_video.success', description: 'Video done' },
          { event_type: 'avatar_video.fail' },
        ],
      },
    ],
    ['a bare array', ['avatar_video.success', 'avatar_video.fail']],
    [
      'an envelope with code',
      { code: 100, data: ['avatar_video.success', 'avatar_video.fail'], message: null },
    ],
  ])('reads webhook.list as %s', async (_, body) => {
    server().handle((_, res) => json(res, 200, body))
    const types = await client().listEventTypes()
    expect(types.map((t) => t.eventType)).toEqual(['avatar_video.success', 'avatar_video.fail'])
    expect(server().requests[0]?.url).toBe('/v1/webhook/webhook.list')
  })
})

describe('errors', () => {
  it('shows KonPro’s own message on 400', async () => {
    server().handle((_, res) =>
      json(res, 400, { code: 400, message: 'OPTIONS check to https://x.test failed' }),
    )
    const error = await failure(client().addEndpoint({ url: 'https://x.test', events: [] }))
    expect(error.kind).toBe('bad_request')
    expect(error.message).toBe('KonPro refused the request: OPTIONS check to https://x.test failed')
  })

  it('reads `{ error: { message } }` bodies too', async () => {
    server().handle((_, res) =>
      json(res, 400, { error: { code: 'invalid_url', message: 'URL must be https' } }),
    )
    expect(
      (await failure(client().addEndpoint({ url: 'http://x', events: [] }))).message,
    ).toContain('URL must be https')
  })

  it('says where to set the key on 401, without echoing it', async () => {
    server().handle((_, res) => json(res, 401, { message: `invalid key ${KEY}` }))
    const error = await failure(client().listEndpoints())
    expect(error.kind).toBe('unauthorized')
    expect(error.message).toContain('KONPRO_API_KEY')
    expect(error.message).not.toContain(KEY)
    expect(server().requests).toHaveLength(1) // 401 is not retried
  })

  it('offers a refresh on 404', async () => {
    server().handle((_, res) => json(res, 404, { message: 'not found' }))
    const error = await failure(
      client().updateEndpoint({ endpointId: 'gone', url: 'https://a.test' }),
    )
    expect(error.kind).toBe('not_found')
    expect(error.message).toMatch(/no longer exists.*Refresh/)
  })

  it('retries GETs on 429 honouring Retry-After, then reports the wait', async () => {
    server().handle((_, res) => json(res, 429, { message: 'slow down' }, { 'retry-after': '0' }))
    const error = await failure(client({ retries: 2 }).listEndpoints())
    expect(server().requests).toHaveLength(3)
    expect(error.kind).toBe('rate_limited')
    server().requests.length = 0
    server().handle((_, res) => json(res, 429, {}, { 'retry-after': '120' }))
    const long = await failure(client().listEndpoints())
    expect(server().requests).toHaveLength(1) // too long to wait for inside a page load
    expect(long.message).toBe(
      'KonPro is limiting how fast requests are made. Wait 120 seconds and try again.',
    )
  })

  it('recovers when a retried GET succeeds', async () => {
    let calls = 0
    server().handle((_, res) =>
      ++calls < 2 ? json(res, 503, 'busy') : json(res, 200, { data: [endpoint] }),
    )
    expect(await client().listEndpoints()).toHaveLength(1)
    expect(calls).toBe(2)
  })

  it('never retries mutations', async () => {
    server().handle((_, res) => json(res, 503, { message: 'down' }))
    const error = await failure(client().addEndpoint({ url: 'https://a.test', events: [] }))
    expect(server().requests).toHaveLength(1)
    expect(error.kind).toBe('server')
    expect(error.message).toBe('KonPro had a problem answering (HTTP 503). Try again in a moment.')
    server().requests.length = 0
    await failure(client().deleteEndpoint('x'))
    await failure(client().updateEndpoint({ endpointId: 'x', url: 'https://a.test' }))
    expect(server().requests).toHaveLength(2)
  })

  it('times out slow answers', async () => {
    server().handle((_, res) => setTimeout(() => json(res, 200, { data: [] }), 1500))
    const error = await failure(client({ timeoutMs: 200 }).listEndpoints())
    expect(error.kind).toBe('timeout')
    expect(error.message).toMatch(/did not answer within/)
  })

  it('reports a network failure naming the host', async () => {
    await networkFailureOf(
      (baseUrl) => createKonproClient({ baseUrl, apiKey: KEY, backoffMs: 1 }).listEndpoints(),
      KonproError,
      (port) => `Could not reach KonPro at 127.0.0.1:${port}`,
    )
  })

  it.each([
    ['invalid JSON', '{"data": ['],
    ['the wrong shape', JSON.stringify({ data: [{ url: 'no id' }] })],
    ['an empty body', ''],
  ])('reports %s as malformed', async (_, body) => {
    server().handle((_, res) => json(res, 200, body))
    expect((await failure(client().listEndpoints())).kind).toBe('malformed')
  })
})
