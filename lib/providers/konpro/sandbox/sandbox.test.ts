import { expect, it, vi } from 'vitest'
import type { Database } from '../../../db/client'
import { describeEachDatabase } from '../../../test/databases'
import { serveHandler } from '../../../test/provider-tests'
import { startHttpServer } from '../../../test/http-server'
import { createKonproClient } from '../client'
import { KonproError } from '../errors'
import { signBody, sendTestEvent } from './deliver'
import { sandboxEndpointHistory } from './history'
import { handleSandboxRequest } from './handler'
import { sandboxApiKey } from './store'

// The target servers listen on 127.0.0.1, which the sandbox refuses unless opted in.
vi.hoisted(() => {
  process.env.SANDBOX_ALLOW_HOSTS = '127.0.0.1'
})

const serveSandbox = (database: Database) =>
  serveHandler((req) =>
    handleSandboxRequest(req, new URL(req.url).pathname.split('/').pop() ?? '', database.db),
  )

describeEachDatabase('KonPro sandbox', (fresh, defer) => {
  async function setup() {
    const database = await fresh()
    const sandbox = await serveSandbox(database)
    defer(sandbox.close)
    const receiver = await startHttpServer((_, res) => res.end('ok'))
    defer(receiver.close)
    const apiKey = await sandboxApiKey(database.db)
    const client = createKonproClient({ baseUrl: sandbox.base, apiKey, backoffMs: 1 })
    return { database, sandbox, receiver, apiKey, client }
  }

  const rejection = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: KonproError) => e,
    )

  it('adds, lists, updates and deletes like KonPro', async () => {
    const { client, receiver } = await setup()
    const created = await client.addEndpoint({
      url: `${receiver.url}/hook`,
      events: ['avatar_video.success'],
      entityId: 'project123',
    })
    expect(created.endpoint_id).toMatch(/^webhook_[0-9a-f]{16}$/)
    expect(created.secret).toMatch(/^whsec_/)
    expect(created).toMatchObject({
      status: 'enabled',
      username: 'sandbox',
      events: ['avatar_video.success'],
      entity_id: 'project123',
    })
    expect(new Date(created.created_at ?? '').getTime()).toBeGreaterThan(Date.now() - 60_000)
    // It validated the URL with an OPTIONS request first.
    expect(receiver.requests.map((r) => r.method)).toEqual(['OPTIONS'])

    const updated = await client.updateEndpoint({ endpointId: created.endpoint_id, events: [] })
    expect(updated).toMatchObject({
      url: `${receiver.url}/hook`,
      events: [],
      secret: created.secret,
    })
    expect(receiver.requests).toHaveLength(1) // URL unchanged: no new OPTIONS check

    await client.updateEndpoint({ endpointId: created.endpoint_id, url: `${receiver.url}/other` })
    expect(receiver.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'OPTIONS /hook',
      'OPTIONS /other',
    ])

    expect((await client.listEndpoints()).map((e) => [e.endpoint_id, e.url])).toEqual([
      [created.endpoint_id, `${receiver.url}/other`],
    ])
    await client.deleteEndpoint(created.endpoint_id)
    expect(await client.listEndpoints()).toEqual([])
    expect((await rejection(client.deleteEndpoint(created.endpoint_id)))?.kind).toBe('not_found')
  })

  it('lists the documented event types', async () => {
    const { client } = await setup()
    const types = (await client.listEventTypes()).map((t) => t.eventType)
    expect(types).toEqual(
      expect.arrayContaining([
        'avatar_video.success',
        'avatar_video.fail',
        'video_translate.success',
        'video_translate.fail',
        'personalized_video',
      ]),
    )
  })

  it('answers 401 to a wrong key and 404 to an unknown endpoint', async () => {
    const { sandbox, client } = await setup()
    const wrong = createKonproClient({ baseUrl: sandbox.base, apiKey: 'sbx_wrong', retries: 0 })
    expect((await rejection(wrong.listEndpoints()))?.kind).toBe('unauthorized')
    const raw = await fetch(`${sandbox.base}/v1/webhook/endpoint.list`)
    expect(raw.status).toBe(401)
    expect(await raw.json()).toMatchObject({ code: 401, message: expect.any(String) })
    expect(
      (
        await rejection(
          client.updateEndpoint({ endpointId: 'webhook_nope', url: 'https://x.test' }),
        )
      )?.kind,
    ).toBe('not_found')
  })

  it('refuses non-https URLs except on this machine', async () => {
    const { client } = await setup()
    const error = await rejection(
      client.addEndpoint({ url: 'http://example.com/hook', events: [] }),
    )
    expect(error?.kind).toBe('bad_request')
    expect(error?.message).toContain('url must use https')
  })

  it('refuses the endpoint when its OPTIONS check answers 500', async () => {
    const { client } = await setup()
    const target = await startHttpServer((_, res) => res.writeHead(500).end())
    defer(target.close)
    const error = await rejection(client.addEndpoint({ url: `${target.url}/hook`, events: [] }))
    expect(error?.kind).toBe('bad_request')
    expect(error?.message).toContain('answered HTTP 500')
    expect(await client.listEndpoints()).toEqual([])
  })

  it('refuses the endpoint with one message whether its OPTIONS check is too slow or nothing listens', async () => {
    const { client } = await setup()
    const slow = await startHttpServer((_, res) => void setTimeout(() => res.end(), 1500))
    defer(slow.close)
    const closed = await startHttpServer()
    await closed.close()
    const messages: string[] = []
    for (const target of [slow, closed]) {
      const error = await rejection(client.addEndpoint({ url: `${target.url}/hook`, events: [] }))
      expect(error?.kind).toBe('bad_request')
      messages.push(error?.message.replace(target.url, '<url>') ?? '')
    }
    expect(messages[0]).toContain('could not reach the URL')
    expect(messages[1]).toBe(messages[0])
    expect(await client.listEndpoints()).toEqual([])
  })

  it('delivers signed test events to subscribed, enabled endpoints', async () => {
    const { client, receiver, database } = await setup()
    const all = await client.addEndpoint({ url: `${receiver.url}/all`, events: [] })
    const failOnly = await client.addEndpoint({
      url: `${receiver.url}/fail`,
      events: ['avatar_video.fail'],
    })
    receiver.requests.length = 0

    const results = await sendTestEvent(database.db, 'avatar_video.success')
    expect(results.map((r) => [r.endpointId, r.statusCode])).toEqual([[all.endpoint_id, 200]])
    const [delivery] = receiver.requests
    expect(delivery?.method).toBe('POST')
    expect(delivery?.url).toBe('/all')
    expect(delivery?.headers.signature).toBe(signBody(all.secret, delivery?.body ?? ''))
    expect(JSON.parse(delivery?.body ?? '')).toMatchObject({
      event_type: 'avatar_video.success',
      event_data: { video_id: expect.any(String), url: expect.any(String) },
    })

    receiver.requests.length = 0
    const fail = await sendTestEvent(database.db, 'avatar_video.fail')
    expect(fail.map((r) => r.endpointId).sort()).toEqual(
      [all.endpoint_id, failOnly.endpoint_id].sort(),
    )
    expect(receiver.requests.map((r) => r.headers.signature)).toHaveLength(2)
  })

  it('sends one endpoint only, with a custom payload as given, and keeps its history', async () => {
    const { client, receiver, database } = await setup()
    const one = await client.addEndpoint({
      url: `${receiver.url}/one`,
      events: ['avatar_video.fail'],
    })
    await client.addEndpoint({ url: `${receiver.url}/other`, events: [] })
    receiver.requests.length = 0
    // Not subscribed to the type, and sent to it alone all the same: the person picked it.
    const custom = '{"event_type":"avatar_video.success", "event_data":{"video_id":"mine"}}'
    const results = await sendTestEvent(database.db, 'avatar_video.success', {
      endpointId: one.endpoint_id,
      payload: custom,
    })
    expect(results.map((r) => [r.endpointId, r.statusCode])).toEqual([[one.endpoint_id, 200]])
    expect(receiver.requests.map((r) => r.url)).toEqual(['/one'])
    expect(receiver.requests[0]?.body).toBe(custom)
    expect(receiver.requests[0]?.headers.signature).toBe(signBody(one.secret, custom))
    await sendTestEvent(database.db, 'avatar_video.fail', { endpointId: one.endpoint_id })

    const history = await sandboxEndpointHistory(database.db, one.endpoint_id)
    expect(history.recent.map((r) => [r.eventType, r.statusCode])).toEqual([
      ['avatar_video.fail', 200],
      ['avatar_video.success', 200],
    ])
    expect(history.stats).toMatchObject({ sent: 2, accepted: 2 })
    expect(history.stats.p50Ms).toBeGreaterThanOrEqual(0)
    expect((await sandboxEndpointHistory(database.db, 'webhook_none')).stats).toEqual({
      sent: 0,
      accepted: 0,
      p50Ms: null,
      p95Ms: null,
    })
  })
})
