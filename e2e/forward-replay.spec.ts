import { expect, test } from '@playwright/test'
import { deliver } from './support/deliveries'
import { captureEveryLook, reviewViewports } from './support/screenshots'

// Access tokens under Settings (shown once, last use, revoke) and "Send again" on a delivery.

test('an access token is shown once, records its last use, and stops working when revoked', async ({
  page,
  request,
  baseURL,
}) => {
  await page.goto('/settings/tokens')
  await expect(page.getByRole('heading', { name: 'No access tokens' })).toBeVisible()
  await captureEveryLook(page, 'settings-tokens-empty', reviewViewports)

  await page.getByRole('button', { name: 'Create token' }).click()
  await expect(page.getByText('Name the token')).toBeVisible()
  await page
    .getByLabel('Token name')
    .fill('laptop forwarder with a rather long name to see how it wraps on a phone')
  await page.getByRole('button', { name: 'Create token' }).click()
  const token = (await page.getByTestId('new-access-token').textContent())!.trim()
  expect(token).toMatch(/^kpt_[A-Za-z0-9_-]{43}$/)
  await expect(page.getByTestId('token-row')).toHaveCount(1)
  await expect(page.getByTestId('token-row')).toContainText('Never')
  await captureEveryLook(page, 'settings-tokens-created', reviewViewports)

  // Shown once: a reload lists the token by its prefix only.
  await page.reload()
  await expect(page.getByTestId('new-access-token')).toHaveCount(0)
  expect(await page.content()).not.toContain(token)
  await expect(page.getByTestId('token-row')).toContainText(token.slice(0, 10))

  const stream = await fetch(`${baseURL}/api/events/stream`, {
    headers: { authorization: `Bearer ${token}` },
  })
  expect(stream.status).toBe(200)
  await stream.body?.cancel()
  await page.reload()
  await expect(page.getByTestId('token-row')).not.toContainText('Never')
  await captureEveryLook(page, 'settings-tokens-used', reviewViewports)

  await page.getByRole('button', { name: /^Revoke token laptop forwarder/ }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click()
  await expect(page.getByRole('heading', { name: 'No access tokens' })).toBeVisible()
  const refused = await request.get('/api/events/stream', {
    headers: { authorization: `Bearer ${token}` },
  })
  expect(refused.status()).toBe(401)
})

test('"Send again" re-sends a delivery and lists each answer as an attempt', async ({
  page,
  request,
  baseURL,
}) => {
  const videoId = await deliver(request)
  await page.goto(`/events?q=${videoId}`)
  // The permalink page (a plain click opens the split view beside the list instead).
  await page.goto(
    (await page
      .getByRole('link', { name: /avatar_video\.success/ })
      .first()
      .getAttribute('href')) ?? '',
  )
  await expect(page.getByRole('heading', { name: 'Send again' })).toBeVisible()
  await expect(page.getByText('Not sent again yet.')).toBeVisible()

  // Bad input stays in the field with a message beside it.
  await page.getByLabel('Send again to').fill('localhost:8080/hook')
  await page.getByRole('button', { name: 'Send again' }).click()
  await expect(page.getByText('Enter a full http:// or https:// URL.')).toBeVisible()
  await expect(page.getByLabel('Send again to')).toHaveValue('localhost:8080/hook')

  // The console's own receiver is an allowed target; a private address is refused before sending.
  await page.getByLabel('Send again to').fill(`${baseURL}/api/webhooks/konpro`)
  await page.getByRole('button', { name: 'Send again' }).click()
  await expect(page.getByTestId('replay-attempt')).toHaveCount(1)
  await page.getByLabel('Send again to').fill('http://10.0.0.1/hook')
  await page.getByRole('button', { name: 'Send again' }).click()
  await expect(page.getByTestId('replay-attempt')).toHaveCount(2)
  await expect(page.getByTestId('replay-attempt').first()).toContainText('not sent')
  await expect(page.getByTestId('replay-attempt').first()).toContainText('private, loopback')
  await expect(page.getByTestId('replay-attempt').nth(1)).toContainText(
    `${baseURL}/api/webhooks/konpro`,
  )
  await page.getByTestId('replay-attempt').nth(1).getByText('Answer').click()
  await expect(page.getByTestId('replay-attempt').nth(1)).toContainText('"received":true')
  await captureEveryLook(page, 'event-detail-replay', reviewViewports)
})

// The later specs start from an empty log: leave none behind.
test.afterAll(async ({ browser, baseURL }) => {
  const page = await (
    await browser.newContext({ baseURL, storageState: 'reports/.auth/admin.json' })
  ).newPage()
  await page.goto('/events')
  await page.getByRole('button', { name: 'Clear log' }).click()
  await page
    .getByRole('dialog', { name: 'Clear the event log?' })
    .getByRole('button', { name: /^Remove \d+ deliver/ })
    .click()
  await expect(page.getByRole('heading', { name: 'No deliveries yet' })).toBeVisible()
  await page.context().close()
})
