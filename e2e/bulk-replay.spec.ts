import { createServer, type ServerResponse } from 'node:http'
import { expect, test } from '@playwright/test'
import { HOOK_TARGET_PORT } from '../playwright.config'
import { asAdmin } from './support/as-admin'
import { deliver, deliverMany } from './support/deliveries'
import { captureEveryLook, reviewViewports } from './support/screenshots'
import { EventsPage } from './pages/events-page'

// "Send again…" for the whole filtered log: the count, the cap, the progress and the summary.

/**
 * A target on the port the server allows (SANDBOX_ALLOW_HOSTS): answers the first ten requests
 * (every fifth with a 500) and holds the rest until told, so the run can be seen half done.
 */
async function startHeldTarget() {
  const held: ServerResponse[] = []
  const paths: string[] = []
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      paths.push(req.url ?? '')
      const n = paths.length
      if (n > 10) return void held.push(res)
      res.writeHead(n % 5 === 0 ? 500 : 200, { 'content-type': 'text/plain' }).end('thanks')
    })
  })
  await new Promise<void>((resolve) => server.listen(HOOK_TARGET_PORT, '127.0.0.1', resolve))
  return {
    paths,
    held,
    /** Cuts the held requests off without an answer: the console records why they failed. */
    drop: () => held.splice(0).forEach((res) => res.socket?.destroy()),
    close: () =>
      new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  }
}

let target: Awaited<ReturnType<typeof startHeldTarget>>
test.beforeAll(async () => {
  target = await startHeldTarget()
})
// The later specs start from an empty log: leave none behind.
test.afterAll(async ({ browser, baseURL }) => {
  await target.close()
  await asAdmin(browser, baseURL, (page) => new EventsPage(page).clearLog())
})

test('"Send again…" sends every delivery of the filter, with progress and a summary', async ({
  page,
  request,
}) => {
  const tag = `bulk_${Date.now().toString(36)}`
  await deliverMany(request, 12, 'avatar_video.success', { batch: tag })
  await deliver(request, 'avatar_video.success', { batch: 'someone-else' })
  const events = new EventsPage(page)
  await events.goto(`?q=${tag}`)
  await expect(page.getByTestId('event-row')).toHaveCount(12)

  await page.getByRole('button', { name: 'Send again…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Send these deliveries again' })
  await expect(dialog.getByTestId('bulk-count')).toHaveText(
    'This filter matches 12 deliveries. All 12, oldest first, will be sent.',
  )
  await dialog.getByLabel('At most').fill('5')
  await expect(dialog.getByTestId('bulk-count')).toContainText(
    'The first 5 of 12, oldest first, will be sent.',
  )
  await expect(dialog.getByRole('button', { name: 'Send 5 deliveries' })).toBeVisible()
  await dialog.getByLabel('At most').fill('1001')
  await dialog.getByLabel('Send again to').fill('localhost:8080/hook')
  await dialog.getByRole('button', { name: /^Send \d/ }).click()
  await expect(dialog.getByText('Enter a full http:// or https:// URL.')).toBeVisible()
  await expect(dialog.getByText('At most 1,000 in one run.')).toBeVisible()
  expect(target.paths).toHaveLength(0)
  await dialog.getByLabel('At most').fill('5')
  await captureEveryLook(page, 'events-bulk-replay-form', reviewViewports)

  const url = `http://127.0.0.1:${HOOK_TARGET_PORT}/staging/${'a-rather-long-path-segment-'.repeat(8)}hook?token=${'t'.repeat(60)}`
  await dialog.getByLabel('Send again to').fill(url)
  await dialog.getByLabel('At most').fill('100')
  await dialog.getByRole('button', { name: 'Send 12 deliveries' }).click()

  // The first batch of ten is answered; the second is held by the target.
  await expect(dialog.getByTestId('bulk-sent')).toHaveText('10')
  await expect(dialog.getByTestId('bulk-remaining')).toHaveText('2')
  await expect(dialog.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '10')
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeVisible()
  await expect.poll(() => target.held.length).toBe(2)
  await expect(dialog.getByTitle(url)).toBeVisible()
  await captureEveryLook(page, 'events-bulk-replay-running', reviewViewports)
  await page.setViewportSize(reviewViewports.phone)
  const box = await dialog.boundingBox()
  expect(box!.x).toBeGreaterThanOrEqual(0)
  expect(box!.x + box!.width).toBeLessThanOrEqual(reviewViewports.phone.width)
  await page.setViewportSize({ width: 1280, height: 800 })

  target.drop()
  const summary = dialog.getByTestId('bulk-summary')
  await expect(summary).toContainText('Done: 10 sent, 2 failed.')
  await expect(summary).toContainText('2xx × 8')
  await expect(summary).toContainText('5xx × 2')
  await expect(summary.getByRole('list', { name: 'Why some were not sent' })).toContainText('2 ×')
  await expect(dialog.getByTestId('bulk-remaining')).toHaveText('0')
  await expect(summary.getByRole('link', { name: 'Show the filtered log' })).toHaveAttribute(
    'href',
    `/events?q=${tag}`,
  )
  // Every delivery went once, oldest first in batches, to the URL given.
  expect(target.paths).toHaveLength(12)
  expect(new Set(target.paths)).toEqual(new Set([new URL(url).pathname + new URL(url).search]))
  await captureEveryLook(page, 'events-bulk-replay-done', reviewViewports)

  // The answer is kept with the delivery, as a single "Send again" keeps it: the oldest went first.
  await dialog.getByRole('button', { name: 'Close', exact: true }).first().click()
  const listed = (await (await request.get(`/api/events?q=${tag}`)).json()) as {
    events: Array<{ id: number | string }>
  }
  await page.goto(`/events/${listed.events.at(-1)!.id}`)
  const attempt = page.getByTestId('replay-attempt')
  await expect(attempt).toHaveCount(1)
  await expect(attempt).toContainText('200')
  await expect(attempt).toContainText(url)
})
