import { expect, it } from 'vitest'
import { describeEachDatabase } from '../../../test/databases'
import { callJsonHandler, sandboxUnderTest, withOwnReceiver } from '../../../test/provider-tests'
import { internalTargets } from '../../../test/sockets'
import { generateEncryptionKey } from '../jwe'
import { sendKayleTestEvent } from './deliver'
import { handleKayleSandboxRequest } from './handler'
import { kayleSandboxApiKey } from './store'

process.env.AUTH_SECRET = 'kayle-sandbox-test-secret-0123456789abcdef'

// Nothing is opted in with SANDBOX_ALLOW_HOSTS here: the default policy is what is tested.
describeEachDatabase('Kayle sandbox outbound requests', (fresh, defer) => {
  async function setup() {
    const { db, v4, v6, apiKey } = await sandboxUnderTest(fresh, defer, kayleSandboxApiKey)
    const call = (method: string, path: string, body: unknown) =>
      callJsonHandler<{ data: Record<string, unknown> }>(
        (req) => handleKayleSandboxRequest(req, db),
        `http://127.0.0.1/api/sandbox/kayle${path}`,
        { method, headers: { authorization: `Bearer ${apiKey}` }, body },
      )
    /** An endpoint with an active key, through Kayle's API, so a test event would be sent. */
    async function endpointAt(url: string): Promise<string> {
      const created = await call('POST', '/v1/webhooks/endpoints', { url })
      expect(created.status, url).toBe(200)
      const id = (created.json.data.endpoint as { id: string }).id
      const key = await call('POST', `/v1/webhooks/endpoints/${id}/keys`, {
        key_id: `key_${id}`,
        algorithm: 'RSA-OAEP-256',
        key_type: 'RSA',
        jwk: (await generateEncryptionKey()).publicJwk,
      })
      expect(key.status).toBe(200)
      return id
    }
    return { db, v4, v6, endpointAt }
  }

  it('sends nothing to a private or internal address: the attempt fails without a status code', async () => {
    const { db, v4, v6, endpointAt } = await setup()
    for (const [name, url] of internalTargets(v4, v6)) {
      const result = await sendKayleTestEvent(db, await endpointAt(url))
      expect(result.ok && result.delivery, name).toMatchObject({
        status: 'failed',
        attempts: 1,
        lastStatusCode: null,
      })
    }
    // Refused before connecting: the listeners behind those addresses never saw a connection.
    expect(v4.connections + v6.connections).toBe(0)
  })

  it('still delivers to this console’s own receiver', async () => {
    const { db, endpointAt } = await setup()
    await withOwnReceiver(defer, async (receiver) => {
      const result = await sendKayleTestEvent(
        db,
        await endpointAt(`${receiver.url}/api/webhooks/kayle`),
      )
      expect(result.ok && result.delivery).toMatchObject({
        status: 'succeeded',
        lastStatusCode: 200,
      })
      expect(receiver.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
        'POST /api/webhooks/kayle',
      ])
      expect(receiver.requests[0]?.headers['x-kayle-signature']).toBeTruthy()
    })
  })
})
