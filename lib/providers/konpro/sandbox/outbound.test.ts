import { expect, it, vi } from 'vitest'
import { BLOCKED_MESSAGE, UNREACHABLE_MESSAGE } from '../../../net/outbound'
import { describeEachDatabase } from '../../../test/databases'
import { callJsonHandler, sandboxUnderTest, withOwnReceiver } from '../../../test/provider-tests'
import { closedPort, internalTargets, startTcpTap } from '../../../test/sockets'
import { sendTestEvent } from './deliver'
import { handleSandboxRequest } from './handler'
import { insertSandboxEndpoint, listSandboxEndpoints, sandboxApiKey } from './store'

// Only 127.0.0.2 is opted in here, to play a reachable host; 127.0.0.1 and every other private
// address stay refused, as they are by default.
vi.hoisted(() => {
  process.env.SANDBOX_ALLOW_HOSTS = '127.0.0.2'
})

describeEachDatabase('KonPro sandbox outbound requests', (fresh, defer) => {
  async function setup() {
    const { db, v4, v6, apiKey } = await sandboxUnderTest(fresh, defer, sandboxApiKey)
    /** endpoint.add straight into the handler, as the console's route calls it. */
    const add = (url: string) =>
      callJsonHandler<{ message?: string }>(
        (req) => handleSandboxRequest(req, 'endpoint.add', db),
        'http://127.0.0.1/api/sandbox/konpro/v1/webhook/endpoint.add',
        { headers: { 'x-api-key': apiKey }, body: { url, events: [] } },
      )
    return { db, v4, v6, add }
  }

  it('refuses each private or internal address at the OPTIONS check without sending anything', async () => {
    const { v4, v6, add, db } = await setup()
    for (const [name, url] of internalTargets(v4, v6)) {
      const answer = await add(url)
      expect(answer.status, name).toBe(400)
      expect(answer.json.message, name).toBe(
        `the OPTIONS check to ${url} was not sent: ${BLOCKED_MESSAGE}`,
      )
    }
    expect(v4.connections + v6.connections).toBe(0)
    expect(await listSandboxEndpoints(db)).toEqual([])
  })

  it('refuses to deliver a test event to any of them', async () => {
    const { v4, v6, db } = await setup()
    // As if each name had pointed elsewhere when its endpoint was added.
    for (const [, url] of internalTargets(v4, v6))
      await insertSandboxEndpoint(db, { url, events: null })
    const results = await sendTestEvent(db, 'avatar_video.success', { timeoutMs: 1000 })
    expect(results.map((r) => [r.url, r.statusCode, r.error]).sort()).toEqual(
      internalTargets(v4, v6)
        .map(([, url]) => [url, null, BLOCKED_MESSAGE])
        .sort(),
    )
    expect(v4.connections + v6.connections).toBe(0)
  })

  it('answers a closed port and a silent one with the same message', async () => {
    const { add, db } = await setup()
    const silent = await startTcpTap('127.0.0.2')
    defer(silent.close)
    const urls = [
      `https://127.0.0.2:${await closedPort('127.0.0.2')}/hook`,
      `https://127.0.0.2:${silent.port}/hook`,
    ]
    const messages = []
    for (const url of urls) {
      const answer = await add(url)
      expect(answer.status).toBe(400)
      messages.push(answer.json.message?.replace(url, '<url>'))
    }
    expect(messages).toEqual([
      `the OPTIONS check to <url> failed: ${UNREACHABLE_MESSAGE}; the endpoint must answer OPTIONS with 2xx within 1 second`,
      `the OPTIONS check to <url> failed: ${UNREACHABLE_MESSAGE}; the endpoint must answer OPTIONS with 2xx within 1 second`,
    ])
    expect(silent.connections).toBe(1)

    for (const url of urls) await insertSandboxEndpoint(db, { url, events: null })
    const results = await sendTestEvent(db, 'avatar_video.success', { timeoutMs: 500 })
    expect(results.map((r) => [r.statusCode, r.error])).toEqual([
      [null, UNREACHABLE_MESSAGE],
      [null, UNREACHABLE_MESSAGE],
    ])
  })

  it('still validates and delivers to this console’s own receiver', async () => {
    const { add, db } = await setup()
    await withOwnReceiver(defer, async (receiver) => {
      const url = `${receiver.url}/api/webhooks/konpro`
      expect((await add(url)).status).toBe(201)
      const [result] = await sendTestEvent(db, 'avatar_video.success')
      expect(result).toMatchObject({ statusCode: 200, error: null })
      expect(receiver.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
        'OPTIONS /api/webhooks/konpro',
        'POST /api/webhooks/konpro',
      ])
      expect(receiver.requests[1]?.headers.signature).toMatch(/^[0-9a-f]{64}$/)
    })
  })
})
