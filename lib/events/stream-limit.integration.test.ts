import { describe, expect, inject, it } from 'vitest'
import { recordConnectionStates, shownRows, signedInPage } from '../test/browser'
import { deliverFor } from '../test/deliveries'
import { hasBuild } from '../test/server'
import { adminEnv, suiteBrowser, suiteScratchDatabase, suiteServer } from '../test/suite'

// Streams that end themselves every 2 s: on the route-file path (`next start`, as on Vercel) and
// on server.mjs, whose fast path writes the stream to the socket itself.
const adminUrl = inject('postgresAdminUrl')
const admin = { email: 'ops@limit.test', password: 'streams end on schedule' }

describe.skipIf(!hasBuild() || !adminUrl).each(['next start', 'server.mjs'] as const)(
  'stream ended at its limit [postgres, %s]',
  (via) => {
    const scratch = suiteScratchDatabase(adminUrl)
    const server = suiteServer(
      () => ({
        DATABASE_URL: scratch().url,
        AUTH_SECRET: 'l'.repeat(40),
        ...adminEnv(admin),
        STREAM_MAX_SECONDS: '2',
      }),
      { via, signal: 'SIGKILL' },
    )
    const browser = suiteBrowser()

    it('resumes under load with nothing lost, nothing twice, and never shows "Reconnecting"', async () => {
      const page = await signedInPage(browser(), server().url, admin)
      const states = await recordConnectionStates(page)
      const requests: Array<Promise<string | undefined>> = []
      page.on('request', (r) => {
        if (r.url().endsWith('/api/events/stream'))
          requests.push(r.allHeaders().then((h) => h['last-event-id']))
      })
      await page.goto(`${server().url}/events`)
      await expect
        .poll(() => page.getByTestId('connection-state').getAttribute('data-state'), {
          timeout: 15_000,
        })
        .toBe('live')

      const ids = await deliverFor([server().url], { ms: 7_000, senders: 8 })
      expect(ids.length).toBeGreaterThan(50)
      await expect.poll(() => shownRows(page), { timeout: 15_000 }).toBe(ids.length)
      // Every id once: the rows are keyed by id, so the count and the newest id say it all.
      const newest = Math.max(...ids.map(Number))
      expect(await page.getByTestId('event-row').first().getAttribute('data-event-id')).toBe(
        String(newest),
      )
      // At least three scheduled ends, each resumed with Last-Event-ID.
      const resumes = await Promise.all(requests)
      expect(resumes.length).toBeGreaterThanOrEqual(4)
      expect(
        resumes.slice(1).every((id) => id !== undefined && /^\d+$/.test(id)),
        String(resumes),
      ).toBe(true)
      expect(await states()).toEqual(['connecting', 'live'])
    }, 60_000)
  },
)
