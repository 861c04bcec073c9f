import { expect, test } from '@playwright/test'
import { EventsPage } from './pages/events-page'
import { captureEveryLook } from './support/screenshots'

// Kayle in the embedded default: the sandbox encrypts for the key the console registered, signs
// with the endpoint's secret, and the console's receiver verifies, decrypts and logs it.
test.describe.configure({ mode: 'serial' })

test('a Kayle endpoint at this console’s receiver gets a key, and a sandbox event arrives live, decrypted, in the log', async ({ page, context }) => {
  await page.goto('/kayle/endpoints')
  await expect(page.getByRole('heading', { name: 'No Kayle endpoints yet' })).toBeVisible()
  await expect(page.getByRole('group', { name: 'Provider' }).getByRole('link', { name: 'Kayle' })).toHaveAttribute('aria-current', 'true')
  await captureEveryLook(page, 'kayle-endpoints-empty')

  await page.getByRole('link', { name: 'Create endpoint' }).first().click()
  await page.getByLabel('Endpoint URL').fill('http://hooks.example.com/kayle')
  await page.getByLabel('Labels').fill('a, b, c, d, e, f, g, h, i')
  await page.getByRole('button', { name: 'Create endpoint' }).click()
  await expect(page.getByText('Kayle only calls https:// URLs (http:// is accepted for localhost while developing).')).toBeVisible()
  await expect(page.getByText('Kayle allows at most 8 labels on an endpoint.')).toBeVisible()
  await captureEveryLook(page, 'kayle-endpoint-new-errors')

  await page.getByRole('button', { name: 'Use this console’s receiver' }).click()
  await expect(page.getByLabel('Endpoint URL')).toHaveValue(/\/api\/webhooks\/kayle$/)
  await page.getByLabel('Name').fill('Identity checks')
  await page.getByLabel('Labels').fill('kyc, production')
  await page.getByLabel(/verification\.session\.succeeded/).check()
  await page.getByLabel(/verification\.session\.failed/).check()
  // Without a key first, to see the warning.
  await page.getByLabel('Create an encryption key now').uncheck()
  await page.getByRole('button', { name: 'Create endpoint' }).click()
  await expect(page).toHaveURL(/\/kayle\/endpoints\/(?!new$)[^/]+$/)
  await expect(page.getByRole('heading', { name: 'Identity checks' })).toBeVisible()
  await expect(page.getByText('This endpoint receives nothing')).toBeVisible()

  await page.getByRole('button', { name: 'Send test event' }).click()
  await expect(page.getByText('no active encryption key', { exact: false })).toBeVisible()

  await page.getByRole('button', { name: 'Create key' }).click()
  await expect(page.getByTestId('kayle-key-row')).toHaveCount(1)
  await expect(page.getByTestId('kayle-key-row')).toContainText('Active')
  await expect(page.getByText('This endpoint receives nothing')).toHaveCount(0)
  await captureEveryLook(page, 'kayle-endpoint-detail')

  // The log, filtered to Kayle and open in another tab, shows the delivery as it arrives.
  const log = new EventsPage(await context.newPage())
  await log.goto('?provider=kayle')
  await log.expectConnection('live')
  await page.getByRole('button', { name: 'Send test event' }).click()
  await expect(page.getByText('Test event delivered: the endpoint answered 200.')).toBeVisible()
  await page.close()

  const live = log.page
  const row = live.getByTestId('event-row').filter({ hasText: 'verification.session.succeeded' }).first()
  await expect(row).toBeVisible()
  await expect(row).toContainText('Kayle')
  await expect(row).toContainText('Verified')
  await captureEveryLook(live, 'events-kayle')
  await row.getByRole('link').first().click()
  await expect(live).toHaveURL(/\/events\/\d+$/)
  await expect(live.getByText('verification_session_id').first()).toBeVisible()
  await expect(live.getByText('contract_version').first()).toBeVisible()
  await captureEveryLook(live, 'event-detail-kayle')
})

test('deliveries list each attempt and retry; secrets reveal and rotate; pause and delete', async ({ page }) => {
  await page.goto('/kayle/deliveries')
  const delivery = page.getByTestId('kayle-delivery-row').first()
  await expect(delivery).toContainText('Succeeded')
  await expect(delivery).toContainText('200')
  await captureEveryLook(page, 'kayle-deliveries')
  await delivery.getByRole('button', { name: /Retry delivery/ }).click()
  await expect(page.getByText('Retried: succeeded.')).toBeVisible()

  // The redelivery carries the same event id: stored, and marked as a duplicate of the first.
  await page.goto('/events?provider=kayle')
  await expect(page.getByTestId('event-row')).toHaveCount(2)
  await expect(page.getByTestId('event-row').first()).toContainText(/redelivery|duplicate/i)

  await page.goto('/kayle/endpoints')
  const listed = page.getByTestId('kayle-endpoint-row').filter({ hasText: 'Identity checks' })
  await expect(listed).toContainText('1 active key')
  await expect(listed).toContainText('kyc')
  await captureEveryLook(page, 'kayle-endpoints')
  await listed.getByRole('link').first().click()

  await page.getByRole('button', { name: 'Reveal secret' }).click()
  const secret = page.getByTestId('kayle-secret-value')
  await expect(secret).not.toContainText('••')
  const before = await secret.textContent()
  await page.getByRole('button', { name: 'Hide secret' }).click()
  await page.getByRole('button', { name: 'Rotate' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Rotate secret' }).click()
  await expect(page.getByText('Secret rotated.', { exact: false })).toBeVisible()
  await expect(secret).not.toContainText('••')
  expect(await secret.textContent()).not.toBe(before)

  // Signed with the new secret, still verified.
  await page.getByRole('button', { name: 'Send test event' }).click()
  await expect(page.getByText('Test event delivered: the endpoint answered 200.')).toBeVisible()

  await page.getByRole('button', { name: 'Pause endpoint' }).click()
  await expect(page.getByText('Endpoint paused', { exact: false })).toBeVisible()
  await expect(page.getByText('Paused', { exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'Send test event' }).click()
  await expect(page.getByText('disabled', { exact: false }).first()).toBeVisible()

  await page.getByRole('button', { name: 'Delete endpoint' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Delete endpoint' }).click()
  await expect(page).toHaveURL(/\/kayle\/endpoints$/)
  await expect(page.getByRole('heading', { name: 'No Kayle endpoints yet' })).toBeVisible()
})
