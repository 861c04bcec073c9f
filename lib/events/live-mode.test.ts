import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { openDatabase } from '../db/client'
import { checkHealth } from '../health'
import { hasPgbouncer, startPgbouncer } from '../test/pgbouncer'
import { createScratchDatabase } from '../test/postgres'
import { decideLive } from './live-mode'

const adminUrl = inject('postgresAdminUrl')

describe.skipIf(!adminUrl || !hasPgbouncer())(
  'live mode: LISTEN or polling [postgres, pgbouncer]',
  () => {
    let scratch: Awaited<ReturnType<typeof createScratchDatabase>>
    let bouncer: Awaited<ReturnType<typeof startPgbouncer>>
    beforeAll(async () => {
      scratch = await createScratchDatabase(adminUrl)
      bouncer = await startPgbouncer(adminUrl)
    })
    afterAll(async () => {
      await bouncer?.stop()
      await scratch?.drop()
    })

    async function decide(config: Record<string, string>) {
      const database = await openDatabase({ url: config.DATABASE_URL })
      try {
        return await decideLive(database, config)
      } finally {
        await database.close()
      }
    }

    it('uses LISTEN on a direct DATABASE_URL', async () => {
      expect(await decide({ DATABASE_URL: scratch.url })).toEqual({
        live: 'notify',
        reason: 'LISTEN on DATABASE_URL receives notifications.',
        url: scratch.url,
      })
    })

    it('finds out that a pooler in transaction mode never delivers, although its URL looks direct', async () => {
      const pooled = bouncer.pooled(scratch.url)
      const d = await decide({ DATABASE_URL: pooled })
      expect(d.live).toBe('poll')
      expect(d.reason).toMatch(/^LISTEN on DATABASE_URL never received its own test NOTIFY/)
      expect(d.reason).toContain('set DATABASE_URL_UNPOOLED')
    })

    it('listens on DATABASE_URL_UNPOOLED while queries go through the pooler, and DATABASE_LISTEN_URL wins', async () => {
      const pooled = bouncer.pooled(scratch.url)
      expect(
        await decide({ DATABASE_URL: pooled, DATABASE_URL_UNPOOLED: scratch.url }),
      ).toMatchObject({ live: 'notify', url: scratch.url })
      const d = await decide({
        DATABASE_URL: pooled,
        DATABASE_URL_UNPOOLED: pooled,
        DATABASE_LISTEN_URL: scratch.url,
      })
      expect(d).toMatchObject({
        live: 'notify',
        reason: 'LISTEN on DATABASE_LISTEN_URL receives notifications.',
      })
    })

    it('refuses a URL that names a pooler without trying it', async () => {
      const neon = 'postgresql://u:p@ep-cool-darkness-a1b2c3d4-pooler.us-east-2.aws.neon.tech/db'
      const d = await decideLive({ kind: 'postgres' } as Parameters<typeof decideLive>[0], {
        DATABASE_URL: neon,
      })
      expect(d.live).toBe('poll')
      expect(d.reason).toMatch(/^DATABASE_URL cannot carry LISTEN: its host .*-pooler/)
    })

    it('polls, saying why, when the LISTEN URL cannot be reached', async () => {
      const d = await decide({
        DATABASE_URL: scratch.url,
        DATABASE_URL_UNPOOLED: 'postgres://nobody:x@127.0.0.1:9/none',
      })
      expect(d.live).toBe('poll')
      expect(d.reason).toMatch(/^LISTEN on DATABASE_URL_UNPOOLED failed \(/)
    })

    it('is reported by the health check', async () => {
      const database = await openDatabase({ url: bouncer.pooled(scratch.url) })
      try {
        const health = await checkHealth(
          async () => database,
          3000,
          async (db) => decideLive(db, { DATABASE_URL: bouncer.pooled(scratch.url) }),
        )
        expect(health).toMatchObject({
          ok: true,
          db: 'postgres',
          live: 'poll',
          liveReason: expect.stringContaining('test NOTIFY'),
        })
      } finally {
        await database.close()
      }
    })
  },
)
