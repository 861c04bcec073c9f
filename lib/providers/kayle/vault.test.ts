import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { sql } from 'drizzle-orm'
import { rowsOf } from '../../db/client'
import { describeEachDatabase } from '../../test/databases'
import { decryptKayle, encryptForKayle } from './jwe'
import { startKayleDocServer, type KayleDocServer } from '../../test/kayle-doc-server'
import { createKayleClient, type KayleClient } from './client'
import {
  activeKeyCounts,
  createEndpointKey,
  deactivateEndpointKey,
  forgetEndpoint,
  hasSigningSecret,
  keysForEndpoint,
  privateKeys,
  reactivateEndpointKey,
  rotateEndpointKey,
  signingSecrets,
  storeSigningSecret,
} from './vault'

// Sealing keys derive from AUTH_SECRET; a fixed one keeps the tests off the data directory.
process.env.AUTH_SECRET = 'kayle-vault-test-secret-0123456789abcdef'

const API_KEY = 'kk_vault_test'
let kayleServer: KayleDocServer
let kayle: KayleClient
beforeAll(async () => {
  // Kayle as its documentation describes it, over a real socket, with the console's real client.
  kayleServer = await startKayleDocServer({ apiKey: API_KEY })
  kayle = createKayleClient({ baseUrl: kayleServer.url, apiKey: API_KEY, retries: 0 })
})
afterAll(() => kayleServer?.close())
const newEndpoint = async () =>
  (await kayle.createEndpoint({ url: 'https://example.com/hook' })).endpoint.id
const keyRequests = () => kayleServer.requests.filter((r) => r.path.includes('/keys'))

describeEachDatabase('Kayle vault', (fresh) => {
  async function setup() {
    const database = await fresh()
    return database.db
  }
  const allRowsText = async (db: Awaited<ReturnType<typeof setup>>, table: string) =>
    JSON.stringify(rowsOf(await db.execute(sql.raw(`select * from ${table}`))))

  it('seals signing secrets at rest and opens them for the receiver', async () => {
    const db = await setup()
    expect(await hasSigningSecret(db, 'we_1')).toBe(false)
    await storeSigningSecret(db, 'we_1', 'whsec_first_value')
    await storeSigningSecret(db, 'we_2', 'whsec_second_value')
    await storeSigningSecret(db, 'we_1', 'whsec_rotated_value')
    expect(await hasSigningSecret(db, 'we_1')).toBe(true)
    const stored = await allRowsText(db, 'kayle_secrets')
    expect(stored).not.toContain('whsec_')
    expect(stored).toContain('we_1')
    expect(
      (await signingSecrets(db)).sort((a, b) => a.endpointId.localeCompare(b.endpointId)),
    ).toEqual([
      { endpointId: 'we_1', secret: 'whsec_rotated_value' },
      { endpointId: 'we_2', secret: 'whsec_second_value' },
    ])
  })

  it('skips a secret sealed for another endpoint instead of using it', async () => {
    const db = await setup()
    await storeSigningSecret(db, 'we_1', 'whsec_one')
    await db.execute(
      sql`insert into kayle_secrets (endpoint_id, secret_sealed) select 'we_copy', secret_sealed from kayle_secrets`,
    )
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect((await signingSecrets(db)).map((s) => s.endpointId)).toEqual(['we_1'])
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('we_copy'))
    expect(JSON.stringify(warn.mock.calls)).not.toContain('whsec_one')
    warn.mockRestore()
  })

  it('registers the public key with Kayle in the documented body and keeps the private key sealed', async () => {
    const db = await setup()
    const we1 = await newEndpoint()
    const before = kayleServer.requests.length
    const key = await createEndpointKey(db, kayle, we1)
    expect(key.keyId).toMatch(/^key_[0-9a-f]{24}$/)
    expect(key).toMatchObject({ endpointId: we1, active: true, deactivatedAt: null })
    expect(key).not.toHaveProperty('privateJwk')
    const sent = kayleServer.requests.slice(before).find((r) => r.method === 'POST')!
    expect(sent.problems).toEqual([])
    expect(sent.body).toMatchObject({
      key_id: key.keyId,
      algorithm: 'RSA-OAEP-256',
      key_type: 'RSA',
      jwk: { kty: 'RSA', alg: 'RSA-OAEP-256', use: 'enc', kid: key.keyId },
    })
    const publicJwk = (sent.body as { jwk: JsonWebKey }).jwk
    expect(publicJwk).not.toHaveProperty('d')

    const [opened] = await privateKeys(db)
    expect(opened).toMatchObject({ keyId: key.keyId, endpointId: we1, active: true })
    const stored = await allRowsText(db, 'kayle_keys')
    expect(stored).not.toContain(opened!.privateJwk.d!)
    expect(stored).not.toContain(opened!.privateJwk.p!)

    // The pair works end to end: what Kayle encrypts for the public half opens with the stored private half.
    const jwe = await encryptForKayle(
      { type: 'verification.session.succeeded' },
      publicJwk,
      key.keyId,
    )
    expect(await decryptKayle(jwe, await privateKeys(db))).toEqual({
      payload: { type: 'verification.session.succeeded' },
      keyId: key.keyId,
    })
    expect(await activeKeyCounts(db)).toEqual({ [we1]: 1 })
  })

  it('stores nothing when Kayle refuses the key', async () => {
    const db = await setup()
    await expect(createEndpointKey(db, kayle, 'whe_unknown')).rejects.toMatchObject({
      kind: 'not_found',
      status: 404,
    })
    expect(await keysForEndpoint(db, 'whe_unknown')).toEqual([])
    expect(await privateKeys(db)).toEqual([])
  })

  it('deactivates and reactivates keys by Kayle’s whk_ id, keeping them for old deliveries', async () => {
    const db = await setup()
    const we1 = await newEndpoint()
    const we2 = await newEndpoint()
    const first = await createEndpointKey(db, kayle, we1)
    const second = await createEndpointKey(db, kayle, we1)
    await createEndpointKey(db, kayle, we2)
    expect(await activeKeyCounts(db)).toEqual({ [we1]: 2, [we2]: 1 })

    const off = await deactivateEndpointKey(db, kayle, first.keyId)
    const call = keyRequests().at(-1)!
    expect(call.path).toMatch(/^\/v1\/webhooks\/keys\/whk_[0-9a-f]+\/deactivate$/)
    expect(call.problems).toEqual([])
    expect(off).toMatchObject({
      keyId: first.keyId,
      active: false,
      deactivatedAt: expect.any(Date),
    })
    const atKayle = await kayle.listAllKeys(we1)
    expect(atKayle.find((k) => k.keyId === first.keyId)?.isActive).toBe(false)
    expect(await activeKeyCounts(db)).toEqual({ [we1]: 1, [we2]: 1 })
    expect((await keysForEndpoint(db, we1)).map((k) => [k.keyId, k.active])).toEqual([
      [second.keyId, true],
      [first.keyId, false],
    ])
    const opened = await privateKeys(db)
    expect(opened.map((k) => k.keyId)).toContain(first.keyId)
    expect(opened.at(-1)?.keyId).toBe(first.keyId) // inactive keys are tried last

    // Brought back as "the active one" (encryption.mdx): the other active key is deactivated, at Kayle and here.
    expect(await reactivateEndpointKey(db, kayle, first.keyId)).toMatchObject({
      active: true,
      deactivatedAt: null,
      deactivated: [second.keyId],
      stillActive: [],
    })
    expect((await kayle.listAllKeys(we1)).map((k) => [k.keyId, k.isActive])).toEqual([
      [first.keyId, true],
      [second.keyId, false],
    ])

    // A key Kayle no longer knows is an error, and the console does not pretend it is off.
    await kayle.deleteEndpoint(we2)
    const [we2Key] = await keysForEndpoint(db, we2)
    await expect(deactivateEndpointKey(db, kayle, we2Key!.keyId)).rejects.toMatchObject({
      kind: 'not_found',
    })
    expect(await activeKeyCounts(db)).toEqual({ [we1]: 1, [we2]: 1 })
  }, 120_000) // three 3072-bit key pairs on a shared machine

  it('rotates a key as encryption.mdx says: the new key registered active first, then the previous one deactivated, kept', async () => {
    const db = await setup()
    const we1 = await newEndpoint()
    const first = await createEndpointKey(db, kayle, we1)
    const before = kayleServer.requests.length
    const { key, deactivated, stillActive } = await rotateEndpointKey(db, kayle, we1)
    expect(deactivated).toEqual([first.keyId])
    expect(stillActive).toEqual([])
    // Register, list, deactivate: never a moment without an active key at Kayle.
    expect(
      kayleServer.requests
        .slice(before)
        .map((r) => `${r.method} ${r.path.replace(/whe_\w+|whk_\w+/g, ':id')}`),
    ).toEqual([
      'POST /v1/webhooks/endpoints/:id/keys',
      'GET /v1/webhooks/endpoints/:id/keys',
      'POST /v1/webhooks/keys/:id/deactivate',
    ])
    expect(kayleServer.requests.slice(before).flatMap((r) => r.problems)).toEqual([])
    expect((await kayle.listAllKeys(we1)).map((k) => [k.keyId, k.isActive])).toEqual([
      [first.keyId, false],
      [key.keyId, true],
    ])
    expect((await keysForEndpoint(db, we1)).map((k) => [k.keyId, k.active])).toEqual([
      [key.keyId, true],
      [first.keyId, false],
    ])
    // The previous private key stays, for deliveries encrypted to it before the rotation.
    expect((await privateKeys(db)).map((k) => k.keyId)).toEqual([key.keyId, first.keyId])
  }, 120_000)

  it('forgets an endpoint’s secret and keys', async () => {
    const db = await setup()
    const we1 = await newEndpoint()
    await storeSigningSecret(db, we1, 'whsec_1')
    await createEndpointKey(db, kayle, we1)
    await storeSigningSecret(db, 'we_2', 'whsec_2')
    await forgetEndpoint(db, we1)
    expect(await hasSigningSecret(db, we1)).toBe(false)
    expect(await keysForEndpoint(db, we1)).toEqual([])
    expect((await signingSecrets(db)).map((s) => s.endpointId)).toEqual(['we_2'])
  })
})
