import { describe, expect, it } from 'vitest'
import { hasBuild, startServer } from './test/server'

describe.skipIf(!hasBuild())('start-up on a host with an ephemeral disk [next start]', () => {
  it('refuses to start on Vercel without DATABASE_URL, saying what to set', async () => {
    const started = startServer(
      { VERCEL: '1', DATABASE_URL: '', DATA_DIR: '.data-test-ephemeral' },
      { via: 'next start' },
    )
    const error = (await started.then(
      async (s) => (await s.kill('SIGKILL'), new Error('it started')),
      (e: unknown) => e as Error,
    )) as Error
    expect(error.message).toMatch(/^next start exited/)
    expect(error.message).toContain('DATABASE_URL: required on Vercel (VERCEL=1)')
    expect(error.message).toContain('DATABASE_URL_UNPOOLED')
  }, 60_000)
})
