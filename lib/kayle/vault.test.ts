import { afterEach, expect, it, vi } from 'vitest'
import { sql } from 'drizzle-orm'
import { rowsOf } from '../db/client'
import { describeEachDatabase } from '../test/databases'
import { KayleError } from './errors'
import { decryptKayle, encryptForKayle } from './jwe'
import type { KayleKey } from './schemas'
import {
  activeKeyCounts,
  createEndpointKey,
  deactivateEndpointKey,
  forgetEndpoint,
  hasSigningSecret,
  keysForEndpoint,
  privateKeys,
  signingSecrets,
  storeSigningSecret,
} from './vault'

// Sealing keys derive from AUTH_SECRET; a fixed one keeps the tests off the data directory.
process.env.AUTH_SECRET = 'kayle-vault-test-secret-0123456789abcdef'

/** A stand-in for Kayle's key calls that records what it was sent. */
function fakeKayle(fail?: KayleError) {
  const registered: Array<{ endpointId: string; keyId: string; publicJwk: JsonWebKey }> = []
  const deactivated: string[] = []
  const key = (keyId: string, endpointId: string, status: KayleKey['status']): KayleKey => ({ keyId, endpointId, status, createdAt: '' })
  return {
    registered,
    deactivated,
    async registerKey(endpointId: string, input: { keyId: string; publicJwk: JsonWebKey }) {
      if (fail) throw fail
      registered.push({ endpointId, ...input })
      return key(input.keyId, endpointId, 'active')
    },
    async deactivateKey(keyId: string) {
      if (fail) throw fail
      deactivated.push(keyId)
      return key(keyId, '', 'inactive')
    },
  }
}

describeEachDatabase('Kayle vault', (fresh) => {
  const cleanup: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c()
  })
  async function setup() {
    const database = await fresh()
    cleanup.push(() => database.close())
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
    expect((await signingSecrets(db)).sort((a, b) => a.endpointId.localeCompare(b.endpointId))).toEqual([
      { endpointId: 'we_1', secret: 'whsec_rotated_value' },
      { endpointId: 'we_2', secret: 'whsec_second_value' },
    ])
  })

  it('skips a secret sealed for another endpoint instead of using it', async () => {
    const db = await setup()
    await storeSigningSecret(db, 'we_1', 'whsec_one')
    await db.execute(sql`insert into kayle_secrets (endpoint_id, secret_sealed) select 'we_copy', secret_sealed from kayle_secrets`)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect((await signingSecrets(db)).map((s) => s.endpointId)).toEqual(['we_1'])
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('we_copy'))
    expect(JSON.stringify(warn.mock.calls)).not.toContain('whsec_one')
    warn.mockRestore()
  })

  it('registers the public key with Kayle and keeps the private key sealed', async () => {
    const db = await setup()
    const kayle = fakeKayle()
    const key = await createEndpointKey(db, kayle, 'we_1')
    expect(key.keyId).toMatch(/^key_[0-9a-f]{24}$/)
    expect(key).toMatchObject({ endpointId: 'we_1', active: true, deactivatedAt: null })
    expect(key).not.toHaveProperty('privateJwk')
    const [sent] = kayle.registered
    expect(sent).toMatchObject({ endpointId: 'we_1', keyId: key.keyId, publicJwk: { kty: 'RSA', alg: 'RSA-OAEP-256', kid: key.keyId } })
    expect(sent?.publicJwk).not.toHaveProperty('d')

    const [opened] = await privateKeys(db)
    expect(opened).toMatchObject({ keyId: key.keyId, endpointId: 'we_1', active: true })
    const stored = await allRowsText(db, 'kayle_keys')
    expect(stored).not.toContain(opened!.privateJwk.d!)
    expect(stored).not.toContain(opened!.privateJwk.p!)

    // The pair works end to end: what Kayle encrypts for the public half opens with the stored private half.
    const jwe = await encryptForKayle({ type: 'verification.session.succeeded' }, sent!.publicJwk, key.keyId)
    expect(await decryptKayle(jwe, await privateKeys(db))).toEqual({ payload: { type: 'verification.session.succeeded' }, keyId: key.keyId })
    expect(await activeKeyCounts(db)).toEqual({ we_1: 1 })
  })

  it('stores nothing when Kayle refuses the key', async () => {
    const db = await setup()
    const refused = new KayleError('bad_request', 'Kayle refused the request: public_jwk must be RSA', 400)
    await expect(createEndpointKey(db, fakeKayle(refused), 'we_1')).rejects.toBe(refused)
    expect(await keysForEndpoint(db, 'we_1')).toEqual([])
    expect(await privateKeys(db)).toEqual([])
  })

  it('deactivates keys but keeps them for old deliveries', async () => {
    const db = await setup()
    const kayle = fakeKayle()
    const first = await createEndpointKey(db, kayle, 'we_1')
    const second = await createEndpointKey(db, kayle, 'we_1')
    await createEndpointKey(db, kayle, 'we_2')
    expect(await activeKeyCounts(db)).toEqual({ we_1: 2, we_2: 1 })

    const off = await deactivateEndpointKey(db, kayle, first.keyId)
    expect(kayle.deactivated).toEqual([first.keyId])
    expect(off).toMatchObject({ keyId: first.keyId, active: false, deactivatedAt: expect.any(Date) })
    expect(await activeKeyCounts(db)).toEqual({ we_1: 1, we_2: 1 })
    expect((await keysForEndpoint(db, 'we_1')).map((k) => [k.keyId, k.active])).toEqual([
      [second.keyId, true],
      [first.keyId, false],
    ])
    const opened = await privateKeys(db)
    expect(opened.map((k) => k.keyId)).toContain(first.keyId)
    expect(opened.at(-1)?.keyId).toBe(first.keyId) // inactive keys are tried last

    // A key Kayle has already forgotten is marked inactive here as well.
    await deactivateEndpointKey(db, fakeKayle(new KayleError('not_found', 'gone', 404)), second.keyId)
    expect(await activeKeyCounts(db)).toEqual({ we_2: 1 })
    // Any other failure leaves the key as it was.
    const third = await createEndpointKey(db, kayle, 'we_1')
    await expect(deactivateEndpointKey(db, fakeKayle(new KayleError('server', 'down', 503)), third.keyId)).rejects.toThrow('down')
    expect(await activeKeyCounts(db)).toEqual({ we_1: 1, we_2: 1 })
  })

  it('forgets an endpoint’s secret and keys', async () => {
    const db = await setup()
    await storeSigningSecret(db, 'we_1', 'whsec_1')
    await createEndpointKey(db, fakeKayle(), 'we_1')
    await storeSigningSecret(db, 'we_2', 'whsec_2')
    await forgetEndpoint(db, 'we_1')
    expect(await hasSigningSecret(db, 'we_1')).toBe(false)
    expect(await keysForEndpoint(db, 'we_1')).toEqual([])
    expect((await signingSecrets(db)).map((s) => s.endpointId)).toEqual(['we_2'])
  })
})
