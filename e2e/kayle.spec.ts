import { createHmac } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { HOOK_TARGET_PORT } from '../playwright.config'
import { EventsPage } from './pages/events-page'
import { expectToast } from './pages/kayle-toasts'
import { startHookTarget } from './support/hook-target'
import { reviewViewports } from './support/screenshots'
import { reviewScreen } from './support/review'

// Kayle in the embedded default: the sandbox encrypts for the key the console registered, signs
// with the endpoint's secret, and the console's receiver verifies, decrypts and logs it.
test.describe.configure({ mode: 'serial' })

test('a Kayle endpoint at this console’s receiver gets a key, and a sandbox event arrives live, decrypted, in the log', async ({
  page,
  context,
}) => {
  await page.goto('/kayle/endpoints')
  await expect(page.getByRole('heading', { name: 'No Kayle endpoints yet' })).toBeVisible()
  await expect(
    page.getByRole('group', { name: 'Provider' }).getByRole('link', { name: 'Kayle' }),
  ).toHaveAttribute('aria-current', 'true')
  await reviewScreen(page, 'kayle-endpoints-empty', reviewViewports)

  await page.getByRole('link', { name: 'Create endpoint' }).first().click()
  await page.getByLabel('Endpoint URL').fill('http://hooks.example.com/kayle')
  await page.getByLabel('Labels').fill('a, b, c, d, e, f, g, h, i')
  await page.getByRole('button', { name: 'Create endpoint' }).click()
  for (const error of [
    'Kayle only calls https:// URLs (http:// is accepted for localhost while developing).',
    'Kayle allows at most 8 labels on an endpoint.',
  ])
    await expect(page.getByText(error)).toBeVisible()
  // Kayle's document caps a label at 40 characters.
  await page.getByLabel('Labels').fill('x'.repeat(41))
  await page.getByRole('button', { name: 'Create endpoint' }).click()
  await expect(page.getByText(/at most 40 characters/)).toBeVisible()
  await reviewScreen(page, 'kayle-endpoint-new-errors', reviewViewports)

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
  await expectToast(page, 'error', 'no active encryption key')

  await page.getByRole('button', { name: 'Create key' }).click()
  const keyRow = page.getByTestId('kayle-key-row')
  await expect(keyRow).toHaveCount(1)
  await expect(keyRow).toContainText('Active')
  await expect(keyRow.getByRole('button', { name: /^Deactivate key / })).toBeVisible()
  await expect(page.getByText('This endpoint receives nothing')).toHaveCount(0)
  await reviewScreen(page, 'kayle-endpoint-detail', reviewViewports)

  // The log, filtered to Kayle and open in another tab, shows the delivery as it arrives.
  const log = new EventsPage(await context.newPage())
  await log.goto('?provider=kayle')
  await log.expectConnection('live')
  await page.getByRole('button', { name: 'Send test event' }).click()
  await expect(
    page.getByText('Test event delivered: the endpoint answered HTTP 200.'),
  ).toBeVisible()
  await page.close()

  const live = log.page
  const row = live
    .getByTestId('event-row')
    .filter({ hasText: 'verification.session.succeeded' })
    .first()
  await expect(row).toBeVisible()
  await expect(row).toContainText('Kayle')
  await expect(row).toContainText('Verified')
  // Kayle's own ids in the row, as KonPro's video and callback ids are.
  await expect(row).toContainText(/event evt_\S+ · session \S+ · delivery whd_/)
  await reviewScreen(live, 'events-kayle')
  // The permalink page (a plain click opens the split view on /events instead).
  await live.goto(`/events/${await row.getAttribute('data-event-id')}`)
  await expect(live).toHaveURL(/\/events\/\d+$/)
  // Decrypted: the payload's own fields are in the stored event.
  await expect(live.getByText('verification_session_id').first()).toBeVisible()
  await expect(live.getByText('contract_version').first()).toBeVisible()
  // Kayle's own ids, as KonPro's event_data ids are shown, and the way to this delivery at Kayle.
  const ids = live.getByTestId('kayle-delivery-ids')
  await expect(ids.getByText(/^evt_/)).toBeVisible()
  await expect(ids.getByText(/^vs_/)).toBeVisible()
  const deliveryId = (await ids.getByText(/^(whd|dlv)_/).textContent())!
  await reviewScreen(live, 'event-detail-kayle')
  await ids.getByRole('link', { name: 'This delivery at Kayle' }).click()
  await expect(live.getByRole('heading', { name: 'Kayle delivery' })).toBeVisible()
  await expect(live.getByText(deliveryId, { exact: true }).first()).toBeVisible()
  await expect(live.getByTestId('kayle-retention-reason')).toHaveText(
    'Scrubbed: the endpoint answered 2xx, and Kayle removes the payload at the first 2xx.',
  )
  await expect(live.getByRole('button', { name: /Retry delivery/ })).toHaveCount(0)
  await expect(live.getByTestId('kayle-no-retry')).toContainText(
    'Delivered: Kayle scrubbed the payload at the 2xx answer.',
  )
  await expect(live.getByTestId('kayle-failure-reason')).toHaveCount(0)
  await reviewScreen(live, 'kayle-delivery-succeeded', reviewViewports)
})

test('a Kayle delivery sent again, re-signed with its endpoint’s secret, verifies as Kayle signs', async ({
  page,
}) => {
  const target = await startHookTarget(HOOK_TARGET_PORT)
  try {
    await page.goto('/kayle/endpoints')
    await page
      .getByTestId('kayle-endpoint-row')
      .filter({ hasText: 'Identity checks' })
      .getByRole('link')
      .first()
      .click()
    await page.getByRole('button', { name: 'Reveal secret' }).click()
    const shown = page.getByTestId('kayle-secret-value')
    await expect(shown).not.toContainText('••')
    const secret = (await shown.textContent())!.trim()

    const log = new EventsPage(page)
    await log.goto('?provider=kayle')
    const row = page
      .getByTestId('event-row')
      .filter({ hasText: 'verification.session.succeeded' })
      .first()
    await page.goto(`/events/${await row.getAttribute('data-event-id')}`)
    await page.getByLabel('Send again to').fill(`${target.base}/kayle-staging`)
    await page.getByRole('radio', { name: 'Re-signed with an endpoint’s secret' }).check()
    // The endpoints offered are Kayle's own, named by their URL.
    const endpoint = page.getByLabel('Endpoint', { exact: true })
    await expect(endpoint.getByRole('option')).toHaveText([/\/api\/webhooks\/kayle$/])
    await page.getByRole('button', { name: 'Send again' }).click()
    await expect(page.getByTestId('replay-attempt').first()).toContainText(
      'Re-signed with endpoint',
    )
    await expect(page.getByTestId('replay-attempt').first()).toContainText('200')

    const got = target.deliveries.filter((d) => d.path === '/kayle-staging')
    expect(got).toHaveLength(1)
    // X-Kayle-Signature: t=<now>,v1=HMAC-SHA256 of "<t>.<raw body>" with the endpoint's secret.
    const header = got[0]!.headers['x-kayle-signature'] as string
    const t = /^t=(\d+),v1=[0-9a-f]{64}$/.exec(header)?.[1]
    expect(t, header).toBeDefined()
    expect(header).toBe(
      `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${got[0]!.body}`).digest('hex')}`,
    )
    expect(got[0]!.headers.signature).toBeUndefined()
  } finally {
    await target.close()
  }
})

test('deliveries show their endpoint and attempts; a failed one retries, and its event replays from the events page', async ({
  page,
}) => {
  await page.goto('/kayle/deliveries')
  const delivered = page.getByTestId('kayle-delivery-row')
  await expect(delivered).toHaveCount(1)
  await expect(delivered).toContainText('Succeeded')
  await expect(delivered).toContainText('200')
  await expect(delivered).toContainText('Identity checks')
  await expect(delivered.getByRole('cell').nth(3)).toHaveText('1')
  // Kayle scrubs a payload at the first 2xx (409 on retry): no Retry is offered, and the row says why.
  await expect(delivered.getByRole('button', { name: /Retry delivery/ })).toHaveCount(0)
  await expect(delivered.getByTestId('kayle-no-retry')).toHaveText(
    'Retry not offered: Delivered: Kayle scrubbed the payload at the 2xx answer.',
  )
  await reviewScreen(page, 'kayle-deliveries-delivered', reviewViewports)

  // An endpoint whose target is down: its deliveries fail and Kayle keeps their payloads.
  await page.goto('/kayle/endpoints/new')
  await page.getByLabel('Endpoint URL').fill(`http://127.0.0.1:${HOOK_TARGET_PORT}/kayle`)
  await page.getByLabel('Name').fill('Flaky target')
  await page.getByRole('button', { name: 'Create endpoint' }).click()
  await expect(page.getByRole('heading', { name: 'Flaky target' })).toBeVisible()
  await expect(page.getByTestId('kayle-key-row')).toHaveCount(1)
  for (let i = 0; i < 2; i++) {
    await page.getByRole('button', { name: 'Send test event' }).click()
    await expect(
      page
        .locator('[data-sonner-toast][data-type="error"]')
        .filter({ hasText: 'The endpoint answered nothing: Kayle will retry this delivery.' }),
    ).toHaveCount(i + 1)
  }
  const flakyUrl = page.url()

  await page.goto('/kayle/deliveries?status=failed')
  const failed = page.getByTestId('kayle-delivery-row')
  await expect(failed).toHaveCount(2)
  await expect(failed.first()).toContainText('Flaky target')
  await reviewScreen(page, 'kayle-deliveries', reviewViewports)
  const eventOf = async (n: number) =>
    (await failed.nth(n).getByRole('cell').nth(1).textContent())!.trim()
  const retried = await eventOf(0)
  const replayed = await eventOf(1)

  // The delivery's own page: the documented fields, why it failed, and Retry (the payload is kept).
  await failed
    .first()
    .getByRole('link', { name: /^Details of delivery / })
    .click()
  await expect(page.getByRole('heading', { name: 'Kayle delivery' })).toBeVisible()
  await expect(page.getByTestId('kayle-failure-reason')).toContainText(
    'The endpoint gave no answer',
  )
  await expect(page.getByTestId('kayle-retention-reason')).toContainText(
    'Kept after the last automatic attempt failed',
  )
  await expect(page.getByText('terminal_failure_retention')).toBeVisible()
  // Kept for the endpoint's 72 hours: a time ahead reads "in 2 d", not "just now".
  await expect(page.getByTestId('kayle-payload-expires')).toHaveText('in 2 d')
  await expect(page.getByText('Flaky target')).toBeVisible()
  await reviewScreen(page, 'kayle-delivery-failed', reviewViewports)
  // Still down: the retry fails, and says so in an error toast.
  await page.getByRole('button', { name: /Retry delivery/ }).click()
  await expectToast(page, 'error', 'The retry did not deliver: the endpoint answered nothing.')

  // The event's page, from the events list: its deliveries and a replay that fails while the target is down.
  await page.goto('/kayle/events')
  await page
    .getByTestId('kayle-event-row')
    .filter({ hasText: replayed })
    .getByRole('link', { name: 'verification.session.succeeded' })
    .click()
  await expect(page.getByText(replayed, { exact: true }).first()).toBeVisible()
  await expect(page.getByTestId('kayle-delivery-row')).toHaveCount(1)
  await reviewScreen(page, 'kayle-event', reviewViewports)
  await page.getByRole('button', { name: `Replay event ${replayed}` }).click()
  await expectToast(page, 'error', 'the delivery failed again: the endpoint answered nothing')

  const target = await startHookTarget(HOOK_TARGET_PORT)
  try {
    await page.goto('/kayle/deliveries?status=failed')
    await expect(failed).toHaveCount(2)
    await failed
      .filter({ hasText: retried })
      .getByRole('button', { name: /Retry delivery/ })
      .click()
    await expectToast(
      page,
      'success',
      /^(Retried: succeeded\.|Requeued: Kayle sends it again on its retry schedule\.)$/,
    )
    await expect.poll(() => target.deliveries.length).toBe(1)

    await page.goto(`/kayle/deliveries?event=${retried}`)
    await expect(page.getByLabel('Event id')).toHaveValue(retried)
    await expect(page.getByTestId('kayle-delivery-row')).toHaveCount(1)
    await expect(page.getByTestId('kayle-delivery-row')).toContainText('Succeeded')
    // The first attempt, the retry that failed, the retry that delivered.
    await expect(page.getByTestId('kayle-delivery-row').getByRole('cell').nth(3)).toHaveText('3')

    await page.goto('/kayle/events')
    const event = page.getByTestId('kayle-event-row').filter({ hasText: replayed })
    await expect(event).toHaveCount(1)
    await reviewScreen(page, 'kayle-events', reviewViewports)
    await event.getByRole('button', { name: `Replay event ${replayed}` }).click()
    await expectToast(page, 'success', 'Event replayed')
    await expect.poll(() => target.deliveries.length).toBe(2)

    // The event's deliveries, filtered by ?event=.
    await event.getByRole('link', { name: 'Deliveries' }).click()
    await expect(page).toHaveURL(new RegExp(`/kayle/deliveries\\?event=${replayed}$`))
    await expect(page.getByTestId('kayle-delivery-row')).toHaveCount(1)
    await expect(page.getByTestId('kayle-delivery-row')).toContainText('Flaky target')
    await expect(page.getByTestId('kayle-delivery-row')).toContainText('Succeeded')
    await page.goto('/kayle/deliveries?event=evt_none')
    await expect(
      page.getByRole('heading', { name: 'No delivery matches these filters' }),
    ).toBeVisible()
  } finally {
    await target.close()
  }

  await page.goto(flakyUrl)
  await page.getByRole('button', { name: 'Delete endpoint' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Delete endpoint' }).click()
  await expect(page).toHaveURL(/\/kayle\/endpoints$/)
})

test('secrets reveal and rotate; a key deactivates and reactivates; pause and delete', async ({
  page,
}) => {
  await page.goto('/kayle/endpoints')
  const listed = page.getByTestId('kayle-endpoint-row').filter({ hasText: 'Identity checks' })
  await expect(listed).toContainText('1 active key')
  await expect(listed).toContainText('kyc')
  await reviewScreen(page, 'kayle-endpoints', reviewViewports)
  await listed.getByRole('link').first().click()

  await page.getByRole('button', { name: 'Reveal secret' }).click()
  const secret = page.getByTestId('kayle-secret-value')
  await expect(secret).not.toContainText('••')
  const before = await secret.textContent()
  await page.getByRole('button', { name: 'Hide secret' }).click()
  await page.getByRole('button', { name: 'Rotate', exact: true }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Rotate secret' }).click()
  await expect(page.getByText('Secret rotated.', { exact: false })).toBeVisible()
  await expect(secret).not.toContainText('••')
  expect(await secret.textContent()).not.toBe(before)

  // Signed with the new secret, still verified.
  await page.getByRole('button', { name: 'Send test event' }).click()
  await expect(
    page.getByText('Test event delivered: the endpoint answered HTTP 200.'),
  ).toBeVisible()

  // A new key replaces the active one: registered active, then the previous one deactivated and kept.
  await page.getByRole('button', { name: 'Rotate key' }).click()
  await expectToast(page, 'success', 'Key rotated: the new key is active')
  const keyRows = page.getByTestId('kayle-key-row')
  await expect(keyRows).toHaveCount(2)
  await expect(keyRows.first()).toContainText('Active')
  await expect(keyRows.nth(1)).toContainText('Inactive')
  await expect(keyRows.nth(1)).toContainText('deactivated')
  await reviewScreen(page, 'kayle-endpoint-rotated', reviewViewports)
  // The earlier toasts gone first, so the one seen is this send's.
  await expect(page.locator('[data-sonner-toast]')).toHaveCount(0, { timeout: 15_000 })
  await page.getByRole('button', { name: 'Send test event' }).click()
  await expectToast(page, 'success', 'Test event delivered: the endpoint answered HTTP 200.')

  // Deactivated, the key gets nothing encrypted to it; reactivated, deliveries resume.
  const keyRow = keyRows.first()
  await keyRow.getByRole('button', { name: /^Deactivate key / }).click()
  await expect(page.getByText('Key deactivated')).toBeVisible()
  await expect(keyRow).toContainText('Inactive')
  await expect(page.getByText('This endpoint receives nothing')).toBeVisible()
  await page.getByRole('button', { name: 'Send test event' }).click()
  await expectToast(page, 'error', 'no active encryption key')
  await keyRow.getByRole('button', { name: /^Reactivate key / }).click()
  await expect(page.getByText('Key reactivated')).toBeVisible()
  await expect(keyRow).toContainText('Active')
  await expect(page.getByText('This endpoint receives nothing')).toHaveCount(0)
  await page.getByRole('button', { name: 'Send test event' }).click()
  await expect(
    page.getByText('Test event delivered: the endpoint answered HTTP 200.').last(),
  ).toBeVisible()

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

test('the Kayle pages fit a phone with long names, labels and URLs', async ({ page }) => {
  const target = await startHookTarget(HOOK_TARGET_PORT)
  const name = `Identity verification for the ${'very-long-tenant-name-'.repeat(3)}region`
  const labels = Array.from({ length: 8 }, (_, i) => `${i}-${'label'.repeat(7)}`.slice(0, 40))
  const url = `${target.base}/kayle/${'a-very-long-path-segment-'.repeat(12)}end?token=${'t'.repeat(60)}`
  try {
    await page.goto('/kayle/endpoints/new')
    await page.getByLabel('Endpoint URL').fill(url)
    await page.getByLabel('Name').fill(name)
    await page.getByLabel('Labels').fill(labels.join(', '))
    await page.getByRole('button', { name: 'Create endpoint' }).click()
    await expect(page.getByRole('heading', { name })).toBeVisible()
    await expect(page.getByTestId('kayle-key-row')).toHaveCount(1)
    const endpointPage = new URL(page.url()).pathname
    await page.getByRole('button', { name: 'Send test event' }).click()
    await expectToast(page, 'success', 'Test event delivered: the endpoint answered HTTP 200.')
    await expect.poll(() => target.deliveries.length).toBe(1)

    await page.setViewportSize(reviewViewports.phone)
    for (const [path, shows] of [
      ['/kayle/endpoints', name],
      [endpointPage, name],
      ['/kayle/deliveries', name],
      ['/kayle/events', 'verification.session.succeeded'],
    ] as const) {
      await page.goto(path)
      await expect(page.getByText(shows).filter({ visible: true }).first()).toBeVisible()
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(width, `${path} scrolls sideways on a phone`).toBeLessThanOrEqual(375)
    }
    await page.goto(endpointPage)
    await reviewScreen(page, 'kayle-endpoint-long-values', { phone: reviewViewports.phone })
    await page.getByRole('button', { name: 'Delete endpoint' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Delete endpoint' }).click()
    await expect(page).toHaveURL(/\/kayle\/endpoints$/)
  } finally {
    await target.close()
  }
})
