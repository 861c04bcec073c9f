import { createHmac, randomBytes } from 'node:crypto'
import { expect, test, type Page } from '@playwright/test'
import { captureEveryLook, reviewViewports } from './support/screenshots'
import { signIn } from './support/sign-in'
import { UsersPage } from './pages/users-page'

// An admin sets a test answer for KonPro's receiver, a delivery gets it, the log warns, and it is cleared.
const RULE_BODY = '{"error":"overloaded, as configured in Settings"}'

const card = (page: Page) => page.getByRole('region', { name: /Test answers: KonPro/ })

async function clearRule(page: Page) {
  await page.goto('/settings')
  // The card streams in after the page starts: wait for it before asking whether a rule is set.
  await expect(card(page).getByRole('button', { name: 'Set test answer' })).toBeVisible()
  const clear = card(page).getByRole('button', { name: 'Clear test answer' })
  if (await clear.isVisible()) {
    await clear.click()
    await expect(page.getByText('Test answer cleared')).toBeVisible()
  }
}

test.afterEach(async ({ page }) => clearRule(page))

test('a test answer set in Settings answers deliveries, warns on Events, and clears', async ({
  page,
  request,
}) => {
  await page.goto('/settings')
  const konpro = card(page)
  await expect(konpro.getByText('No rule: deliveries get the normal answer.')).toBeVisible()
  await konpro.getByLabel('Status').fill('99')
  await konpro.getByRole('button', { name: 'Set test answer' }).click()
  await expect(konpro.getByText('Status must be at least 200.')).toBeVisible()
  await expect(konpro.getByLabel('Status')).toHaveAttribute('aria-invalid', 'true')
  await captureEveryLook(page, 'settings-test-answer-error', { phone: reviewViewports.phone })

  await konpro.getByLabel('Status').fill('503')
  await konpro.getByLabel('Deliveries').fill('2')
  await konpro.getByLabel('Delay (ms)').fill('200')
  await konpro.getByLabel('Body (sent as is)').fill(RULE_BODY)
  await konpro.getByRole('button', { name: 'Set test answer' }).click()
  await expect(page.getByText('Test answer set: 503.')).toBeVisible()
  await expect(konpro.getByText('Rule active')).toBeVisible()
  await expect(page.getByTestId('konpro-answer-rule')).toContainText(
    'Answering 503 to the next 2 deliveries, after 200 ms',
  )
  await captureEveryLook(page, 'settings-test-answer', reviewViewports)

  // Signed with a key the console has no secret for: accepted, so the rule answers it.
  const body = '{"event_type":"avatar_video.success","event_data":{"video_id":"answer-e2e"}}'
  const res = await request.post('/api/webhooks/konpro', {
    data: body,
    headers: {
      'content-type': 'application/json',
      signature: createHmac('sha256', 'unknown').update(body).digest('hex'),
    },
  })
  expect(res.status()).toBe(503)
  expect(await res.text()).toBe(RULE_BODY)

  await page.goto('/events')
  await expect(page.getByRole('status', { name: 'Test answer rule active' })).toContainText(
    'KonPro receiver: Answering 503 to the next delivery, after 200 ms.',
  )
  await captureEveryLook(page, 'events-test-answer', reviewViewports)
  const row = page.getByTestId('event-row').filter({ hasText: 'avatar_video.success' }).first()
  await page.goto(`/events/${await row.getAttribute('data-event-id')}`)
  await expect(page.getByText('Test answer 503')).toBeVisible()
  await expect(page.getByTestId('answered-by-rule')).toHaveText(
    'Answered 503 after 200 ms (test answer rule, 1 left)',
  )
  await captureEveryLook(page, 'event-detail-test-answer', reviewViewports)

  await clearRule(page)
  await expect(card(page).getByText('No rule: deliveries get the normal answer.')).toBeVisible()
  await page.goto('/events')
  await expect(page.getByRole('status', { name: 'Test answer rule active' })).toHaveCount(0)
})

test('a viewer sees the rule in force, read-only', async ({ page, browser, baseURL }) => {
  await page.goto('/settings')
  await card(page).getByLabel('Applies to').selectOption('until_cleared')
  await card(page).getByRole('button', { name: 'Set test answer' }).click()
  await expect(page.getByText('Test answer set: 503.')).toBeVisible()

  const viewerEmail = `viewer-${randomBytes(4).toString('hex')}@answers.test`
  const password = (await new UsersPage(page).add(viewerEmail)).trim()

  const context = await browser.newContext({ baseURL, storageState: undefined })
  try {
    await signIn(context.request, baseURL!, viewerEmail, password)
    const asViewer = await context.newPage()
    await asViewer.goto('/settings')
    const konpro = card(asViewer)
    await expect(konpro.getByText('Rule active')).toBeVisible()
    await expect(asViewer.getByTestId('konpro-answer-rule')).toContainText(
      'Answering 503 to every delivery until cleared',
    )
    await expect(konpro.getByLabel('Status')).toBeDisabled()
    await expect(konpro.getByRole('button')).toHaveCount(0)
  } finally {
    await context.close()
  }
})
