import { expect, test } from '@playwright/test'
import { HOOK_TARGET_PORT } from '../playwright.config'
import { expectAccessible } from './support/axe'
import { startHookTarget } from './support/hook-target'
import { captureEveryLook } from './support/screenshots'
import { EndpointsPage } from './pages/endpoints-page'

// One story in order: the sandbox starts empty and each step builds on the last.
test.describe.configure({ mode: 'serial' })

let target: Awaited<ReturnType<typeof startHookTarget>>
test.beforeAll(async () => {
  target = await startHookTarget(HOOK_TARGET_PORT)
})
test.afterAll(() => target.close())

test('starts empty with a way to create the first endpoint', async ({ page }) => {
  const endpoints = new EndpointsPage(page)
  await endpoints.goto()
  await expect(page.getByRole('heading', { name: 'No endpoints yet' })).toBeVisible()
  await expect(page.getByText('Sandbox', { exact: true })).toBeVisible()
  await captureEveryLook(page, 'endpoints-empty')
})

test('the form says what is wrong next to the URL, including KonPro’s refusal', async ({
  page,
}) => {
  const endpoints = new EndpointsPage(page)
  await endpoints.goto()
  await endpoints.openCreate()
  await expectAccessible(page)
  const submit = page.getByRole('button', { name: 'Create endpoint' })

  await submit.click()
  await expect(page.getByText('Enter the URL KonPro should send events to.')).toBeVisible()

  await endpoints.urlField().fill('http://example.com/hooks')
  await submit.click()
  await expect(page.getByText(/KonPro only delivers over HTTPS/)).toBeVisible()

  await endpoints.chooseEvents([])
  await endpoints.urlField().fill(`${target.base}/ok`)
  await submit.click()
  await expect(page.getByText('Tick at least one event type, or choose All events.')).toBeVisible()
  await page.getByRole('radio', { name: /All events/ }).check()

  // The sandbox, like KonPro, checks the URL with OPTIONS; this one answers 500.
  await endpoints.urlField().fill(`${target.base}/broken`)
  await submit.click()
  await expect(
    page.getByText(
      `KonPro refused the request: the OPTIONS check to ${target.base}/broken answered HTTP 500`,
      { exact: false },
    ),
  ).toBeVisible()
  await expect(endpoints.urlField()).toHaveValue(`${target.base}/broken`) // nothing typed is lost
  await captureEveryLook(page, 'endpoint-new-rejected')
})

test('creates endpoints and lists them with their events', async ({ page }) => {
  const endpoints = new EndpointsPage(page)
  await endpoints.goto()
  await endpoints.create(`${target.base}/hook-one`, ['avatar_video.success'], 'project123')
  await endpoints.create(`${target.base}/hook-two`)
  await expect(endpoints.rows()).toHaveCount(2)
  await expect(endpoints.row('/hook-one')).toContainText('avatar_video.success')
  await expect(endpoints.row('/hook-two')).toContainText('All events')
  await expect(endpoints.row('/hook-one')).toContainText('Enabled')
  await expect(endpoints.row('/hook-one')).toContainText(/\d+ s ago|just now/)
  await expectAccessible(page)
  await captureEveryLook(page, 'endpoints-list')
})

test('filters by text and event type, kept in the URL', async ({ page }) => {
  const endpoints = new EndpointsPage(page)
  await endpoints.goto()
  await page.getByLabel('Filter endpoints').fill('hook-two')
  await expect(page).toHaveURL(/q=hook-two/)
  await expect(endpoints.rows()).toHaveCount(1)
  await page.getByLabel('Filter endpoints').fill('')
  await page.getByLabel('Event type').selectOption('video_translate.fail')
  await expect(page).toHaveURL(/event=video_translate.fail/)
  // Only the all-events endpoint receives it.
  await expect(endpoints.rows()).toHaveCount(1)
  await expect(endpoints.row('/hook-two')).toBeVisible()

  await endpoints.goto('?q=nothing-matches-this')
  await expect(
    page.getByRole('heading', { name: 'No endpoint matches these filters' }),
  ).toBeVisible()
  await captureEveryLook(page, 'endpoints-no-match')
})

test('edits the events of an endpoint', async ({ page }) => {
  const endpoints = new EndpointsPage(page)
  await endpoints.goto()
  await page.getByRole('link', { name: `Edit endpoint ${target.base}/hook-one` }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Edit endpoint' })).toBeVisible()
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByText('Nothing changed, so there is nothing to save.')).toBeVisible()
  await page.getByRole('checkbox', { name: /avatar_video\.fail/ }).check()
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByText('Endpoint saved')).toBeVisible()
  await captureEveryLook(page, 'endpoint-edit')
  await endpoints.goto()
  await expect(endpoints.row('/hook-one')).toContainText('avatar_video.fail')
})

test('reveals and copies a secret, then masks it again', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.clock.install()
  const endpoints = new EndpointsPage(page)
  await endpoints.goto()
  const row = endpoints.row('/hook-one')
  await expect(row.getByTestId('secret-value')).toHaveText(/^whsec_•+$/)
  await row.getByRole('button', { name: 'Reveal secret' }).click()
  await expect(row.getByTestId('secret-value')).toHaveText(/^whsec_[A-Za-z0-9_-]{20,}$/)
  const secret = await row.getByTestId('secret-value').textContent()
  await row.getByRole('button', { name: 'Copy secret' }).click()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret)
  await page.clock.runFor(31_000)
  await expect(row.getByTestId('secret-value')).toHaveText(/^whsec_•+$/)
})

test('sends a signed test event to subscribed endpoints', async ({ page }) => {
  const endpoints = new EndpointsPage(page)
  await endpoints.goto()
  target.deliveries.length = 0
  await page.getByRole('button', { name: 'Send test event' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Event type').selectOption('avatar_video.success')
  await dialog.getByRole('button', { name: 'Send' }).click()
  const deliveries = dialog.getByRole('list', { name: 'Deliveries' }).getByRole('listitem')
  await expect(deliveries).toHaveCount(2)
  await expect(deliveries.first()).toContainText('HTTP 200')
  expect(target.deliveries.map((d) => d.path).sort()).toEqual(['/hook-one', '/hook-two'])
  expect(target.deliveries[0]?.headers.signature).toMatch(/^[0-9a-f]{64}$/)
  await captureEveryLook(page, 'endpoints-test-event')
})

test('one endpoint gets a custom test payload alone, and its page shows what it got', async ({
  page,
}) => {
  const endpoints = new EndpointsPage(page)
  await endpoints.goto()
  await page.getByRole('link', { name: `Edit endpoint ${target.base}/hook-one` }).click()
  const history = page.getByTestId('endpoint-history')
  // The earlier test sent it one sample.
  await expect(history.getByText('Sent by the sandbox').locator('..')).toContainText('1')
  target.deliveries.length = 0

  const payload = page.getByLabel('Payload', { exact: true })
  await page.getByLabel('Event type', { exact: true }).selectOption('avatar_video.fail')
  await expect(payload).toHaveValue(/"event_type": "avatar_video.fail"/)
  await payload.fill('{"event_type": "avatar_video.fail", oops}')
  await page.getByRole('button', { name: 'Send to this endpoint' }).click()
  await expect(page.getByText(/^This is not valid JSON/)).toBeVisible()
  expect(target.deliveries).toHaveLength(0)

  const custom = '{"event_type":"avatar_video.fail","event_data":{"video_id":"hand-written"}}'
  await payload.fill(custom)
  await page.getByRole('button', { name: 'Send to this endpoint' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'HTTP 200' })).toBeVisible()
  expect(target.deliveries.map((d) => [d.path, d.body])).toEqual([['/hook-one', custom]])
  await expect(history.getByText('Sent by the sandbox').locator('..')).toContainText('2')
  await expect(history.getByText('Accepted (2xx)').locator('..')).toContainText('100%')
  await expect(history.getByText('Answer p50').locator('..')).toContainText(/^Answer p50\d+ ms$/)
  await expect(history.getByText('Answer p95').locator('..')).toContainText(/^Answer p95\d+ ms$/)
  await expect(
    history.getByRole('list', { name: 'Latest sends' }).getByRole('listitem').first(),
  ).toContainText('avatar_video.fail')
  await expectAccessible(page)
  await captureEveryLook(page, 'endpoint-history')
})

test('an endpoint at this console’s receiver shows what the receiver got and how it answered', async ({
  page,
}) => {
  await page.goto('/events')
  await page.getByRole('button', { name: 'Register this receiver' }).click()
  await expect(page.getByText('Registered with KonPro').first()).toBeVisible()
  const endpoints = new EndpointsPage(page)
  await endpoints.goto()
  const own = endpoints.row('/api/webhooks/konpro')
  const page_ = (await own.getByRole('link', { name: /^Edit endpoint / }).getAttribute('href'))!
  const endpointId = decodeURIComponent(page_.split('/').pop()!)
  const rules = page.getByRole('region', { name: /Test answers: KonPro/ })
  try {
    await page.goto(page_)
    const receipts = page.getByTestId('receiver-receipts')
    await expect(receipts).toContainText('has stored no delivery that verified')

    // The receiver answers the first one 503 (a test answer rule), the next one 200.
    await page.goto('/settings')
    await rules.getByLabel('Status').fill('503')
    await rules.getByLabel('Deliveries').fill('1')
    await rules.getByRole('button', { name: 'Set test answer' }).click()
    await expect(page.getByText('Test answer set: 503.')).toBeVisible()
    await page.goto(page_)
    for (const answer of ['HTTP 503', 'HTTP 200']) {
      await page.getByRole('button', { name: 'Send to this endpoint' }).click()
      await expect(page.getByRole('status').filter({ hasText: answer })).toBeVisible()
    }
    await page.reload()
    await expect(receipts.getByTestId('receiver-total')).toHaveText('2')
    await expect(receipts.getByTestId('receiver-success')).toHaveText('50%')
    await expect(receipts.getByTestId('receiver-answer')).toHaveText(['200× 1', '503× 1'])
    await expect(receipts.getByRole('link', { name: 'Answered 200: 1' })).toHaveAttribute(
      'href',
      `/events?endpoint=${encodeURIComponent(endpointId)}&status=2xx`,
    )
    await expect(receipts.getByRole('link', { name: 'see them in Events' })).toHaveAttribute(
      'href',
      `/events?endpoint=${encodeURIComponent(endpointId)}`,
    )
    const recent = receipts.getByTestId('receiver-recent')
    await expect(recent).toHaveCount(2)
    await expect(recent.first()).toContainText('200')
    await expect(recent.nth(1)).toContainText('503')
    await expect(recent.first().locator('time')).toHaveText(/^(just now|\d+ s ago)$/)
    await expectAccessible(page)
    await captureEveryLook(page, 'endpoint-receiver-receipts')
    await receipts.getByRole('link', { name: 'see them in Events' }).click()
    await expect(page.getByTestId('event-row')).toHaveCount(2)
  } finally {
    await page.goto('/settings')
    const clear = rules.getByRole('button', { name: 'Clear test answer' })
    await expect(rules.getByRole('button', { name: 'Set test answer' })).toBeVisible()
    if (await clear.isVisible()) await clear.click()
    await endpoints.goto()
    await own.getByRole('button', { name: /^Delete endpoint/ }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Delete endpoint' }).click()
    await expect(own).toHaveCount(0)
  }
})

test('asks before deleting, naming the URL, and removes the row', async ({ page }) => {
  const endpoints = new EndpointsPage(page)
  await endpoints.goto()
  await page.getByRole('button', { name: `Delete endpoint ${target.base}/hook-two` }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText(`${target.base}/hook-two`)
  await captureEveryLook(page, 'endpoint-delete-confirm')
  await dialog.getByRole('button', { name: 'Delete endpoint' }).click()
  await expect(endpoints.rows()).toHaveCount(1)
  await page.reload()
  await expect(endpoints.rows()).toHaveCount(1)
  await expect(endpoints.row('/hook-one')).toBeVisible()
})
