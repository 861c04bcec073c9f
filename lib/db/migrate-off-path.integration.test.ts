import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import pg from 'pg'
import { deliver } from '../test/deliveries'
import { createScratchDatabase } from '../test/postgres'
import { hasBuild, startServer } from '../test/server'
import { openDatabase } from './client'
import { migrate, MIGRATION_LOCK } from './migrate'

const adminUrl = inject('postgresAdminUrl')
const run = promisify(execFile)

describe.skipIf(!adminUrl)('migrations off the receiver’s path [postgres]', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>
  beforeAll(async () => {
    scratch = await createScratchDatabase(adminUrl)
  })
  afterAll(async () => {
    await scratch?.drop()
  })

  it('`npm run db:migrate` applies the migrations once, under the lock', async () => {
    const env = {
      ...process.env,
      DATABASE_URL: scratch.url,
      AUTH_SECRET: 'm'.repeat(40),
      VERCEL: '1',
    }
    const first = await run('npm', ['run', '--silent', 'db:migrate'], { env })
    expect(first.stdout).toMatch(/^Applied \d+ migration\(s\) to DATABASE_URL\.$/m)
    // Waits its turn behind a lock another instance holds, then finds nothing to do.
    const holder = new pg.Client({ connectionString: scratch.url })
    await holder.connect()
    await holder.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
    const second = run('npm', ['run', '--silent', 'db:migrate'], { env })
    const early = await Promise.race([
      second.then(() => 'finished'),
      new Promise((r) => setTimeout(() => r('waiting'), 1500)),
    ])
    expect(early).toBe('waiting')
    await holder.end()
    expect((await second).stdout).toMatch(/^No pending migrations on DATABASE_URL\.$/m)
  }, 60_000)

  it.skipIf(!hasBuild())(
    'a cold instance answers OPTIONS and stores a POST while a migration holds the lock [next start]',
    async () => {
      // The schema is in place (a deploy migrated); the instance's own start-up check waits for the lock.
      const database = await openDatabase({ url: scratch.url })
      await migrate(database.db)
      await database.close()
      const holder = new pg.Client({ connectionString: scratch.url })
      await holder.connect()
      await holder.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
      let server: Awaited<ReturnType<typeof startServer>> | undefined
      try {
        server = await startServer(
          { DATABASE_URL: scratch.url, AUTH_SECRET: 'm'.repeat(40) },
          { via: 'next start', ready: { method: 'OPTIONS', path: '/api/webhooks/konpro' } },
        )
        const options = await fetch(`${server.url}/api/webhooks/konpro`, { method: 'OPTIONS' })
        expect(options.status).toBe(200)
        expect(options.headers.get('allow')).toBe('OPTIONS, POST')
        expect(Number(await deliver(server.url, 'cold-start'))).toBeGreaterThan(0)
        // The migration really is still waiting: the health check, which waits for it, has not answered.
        const health = fetch(`${server.url}/api/health`).then((r) => r.status)
        expect(
          await Promise.race([health, new Promise((r) => setTimeout(() => r('waiting'), 1000))]),
        ).toBe('waiting')
        await holder.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK])
        expect(await health).toBe(200)
      } finally {
        await holder.end().catch(() => {})
        await server?.kill('SIGKILL')
      }
    },
    60_000,
  )
})
