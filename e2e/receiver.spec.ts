import { expect, test } from '@playwright/test'
import { captureEveryLook } from './support/screenshots'
import { EventsPage } from './pages/events-page'

// The whole loop in the embedded default: the sandbox signs and sends, the receiver verifies
// against the secret it fetched from the sandbox, and the log shows it live.
test('a sandbox test event to this console’s own receiver arrives live and verified', async ({
  page,
  context,
}) => {
  const events = new EventsPage(page)
  await events.goto()
  await page.getByRole('button', { name: 'Register this receiver' }).click()
  await expect(page.getByText('Registered with KonPro')).toBeVisible()
  await events.expectConnection('live')

  // A second tab sends the test event while the log stays open.
  const sender = await context.newPage()
  await sender.goto('/konpro/endpoints')
  await sender.getByRole('button', { name: 'Send test event' }).click()
  const dialog = sender.getByRole('dialog')
  await dialog.getByLabel('Event type').selectOption('personalized_video')
  await dialog.getByRole('button', { name: 'Send' }).click()
  const toReceiver = dialog.getByRole('listitem').filter({ hasText: '/api/webhooks/konpro' })
  await expect(toReceiver).toContainText('HTTP 200')
  await sender.close()

  const row = page.getByTestId('event-row').filter({ hasText: 'personalized_video' }).first()
  await expect(row).toBeVisible()
  await expect(row).toContainText('Verified')
  await captureEveryLook(page, 'events-live-verified')

  // The permalink page (a plain click opens the split view on /events instead).
  await page.goto(`/events/${await row.getAttribute('data-event-id')}`)
  await expect(page).toHaveURL(/\/events\/\d+$/)
  await expect(page.getByText('Verified').first()).toBeVisible()
  await expect(page.getByText('signature', { exact: false }).first()).toBeVisible()
  await captureEveryLook(page, 'event-detail-verified')
})

test('the receiver policy decides whether unsigned deliveries are refused', async ({
  page,
  request,
}) => {
  const unsigned = () =>
    request.post('/api/webhooks/konpro', {
      data: '{"event_type":"avatar_video.fail"}',
      headers: { 'content-type': 'application/json' },
    })
  expect((await unsigned()).status()).toBe(401)
  await page.goto('/settings')
  const toggle = page.getByRole('checkbox', { name: /Refuse unsigned deliveries/ })
  await expect(toggle).toBeChecked()
  await toggle.uncheck()
  await expect(page.getByText('Unsigned deliveries are now accepted.')).toBeVisible()
  // The policy is cached for a few seconds per instance.
  await expect.poll(async () => (await unsigned()).status(), { timeout: 15_000 }).toBe(200)
  await captureEveryLook(page, 'settings')
  await toggle.check()
  await expect.poll(async () => (await unsigned()).status(), { timeout: 15_000 }).toBe(401)
  const headers = (await unsigned()).headers()
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
})
