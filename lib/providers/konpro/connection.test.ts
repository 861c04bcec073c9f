import { eq } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { seal } from '../../crypto/seal'
import { settings } from '../../db/schema'
import { describeEachDatabase } from '../../test/databases'
import { getRetention, setRetention } from '../../webhooks/retention'
import { konproConnection, removeStoredApiKey, storeApiKey } from './connection'

process.env.AUTH_SECRET = 'connection-test-secret-0123456789abcdef'
delete process.env.KONPRO_API_KEY

describeEachDatabase('stored settings', (fresh) => {
  const setup = async () => (await fresh()).db

  it('keeps a stored API key sealed, shows its last four, and falls back to the sandbox once removed', async () => {
    const db = await setup()
    expect(await konproConnection(db)).toEqual({ source: 'sandbox' })

    await storeApiKey(db, 'kp_live_abcdefghijklmnop1234')
    expect(await konproConnection(db)).toEqual({
      source: 'stored',
      apiKey: 'kp_live_abcdefghijklmnop1234',
      last4: '1234',
    })
    const [row] = await db.select().from(settings).where(eq(settings.key, 'konpro.apiKey'))
    expect(JSON.stringify(row?.value)).not.toContain('abcdefghijklmnop')

    await removeStoredApiKey(db)
    expect(await konproConnection(db)).toEqual({ source: 'sandbox' })
  })

  it('says so when the stored key was sealed under another AUTH_SECRET', async () => {
    const db = await setup()
    const value = {
      sealed: seal('kp_live_other', 'konpro-api-key', 'another-secret-of-32-characters-or-more'),
      last4: 'ther',
    }
    await db.insert(settings).values({ key: 'konpro.apiKey', value })
    expect(await konproConnection(db)).toEqual({ source: 'unreadable' })
  })

  it('uses the environment’s retention until one is saved', async () => {
    const db = await setup()
    expect(await getRetention(db)).toEqual({ retentionDays: 30, maxRows: 1_000_000, source: 'env' })
    await setRetention(db, { retentionDays: 7, maxRows: 5000 })
    expect(await getRetention(db)).toEqual({ retentionDays: 7, maxRows: 5000, source: 'settings' })
  })
})
