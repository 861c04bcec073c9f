import { expect, test } from '@playwright/test'
import {
  E2E_ADMIN,
  E2E_KAYLE_API_KEY,
  KAYLE_DOC_MODE_PORT,
  KAYLE_DOC_PORT,
} from '../playwright.config'
import { startKayleDocServer, type KayleDocServer } from '../lib/test/kayle-doc-server'
import { expectToast } from './pages/kayle-toasts'
import { captureEveryLook, reviewViewports } from './support/screenshots'
import { signIn } from './support/sign-in'

// The console configured with a Kayle API key, talking on a real socket to a Kayle that follows
// Kayle's documentation (not the console's own sandbox): every call the console makes is checked
// against Kayle's OpenAPI document, and the delivery is encrypted and signed as Kayle documents.
const BASE = `http://127.0.0.1:${KAYLE_DOC_MODE_PORT}`
test.use({ baseURL: BASE, storageState: { cookies: [], origins: [] } })
test.describe.configure({ mode: 'serial' })

let kayle: KayleDocServer
test.beforeAll(async () => {
  kayle = await startKayleDocServer({ apiKey: E2E_KAYLE_API_KEY, port: KAYLE_DOC_PORT })
})
test.afterAll(async () => {
  await kayle?.close()
})
test.beforeEach(async ({ page }) => {
  await signIn(page.request, BASE, E2E_ADMIN.email, E2E_ADMIN.password)
})

const problems = () =>
  kayle.requests
    .filter((r) => r.problems.length)
    .map((r) => `${r.method} ${r.path}${r.query}: ${r.problems.join('; ')}`)

test('against a documented Kayle: create, key, an emitted delivery decrypted in the log, deactivate and reactivate, delete', async ({
  page,
}) => {
  await page.goto('/kayle/endpoints')
  await expect(page.getByRole('heading', { name: 'No Kayle endpoints yet' })).toBeVisible()

  await page.getByRole('link', { name: 'Create endpoint' }).first().click()
  await page.getByRole('button', { name: 'Use this console’s receiver' }).click()
  await expect(page.getByLabel('Endpoint URL')).toHaveValue(`${BASE}/api/webhooks/kayle`)
  await page.getByLabel('Name').fill('Documented Kayle')
  await page.getByLabel('Labels').fill('kyc')
  await page.getByRole('button', { name: 'Create endpoint' }).click()
  await expect(page).toHaveURL(/\/kayle\/endpoints\/(?!new$)[^/]+$/)
  await expect(page.getByRole('heading', { name: 'Documented Kayle' })).toBeVisible()
  const keyRow = page.getByTestId('kayle-key-row')
  await expect(keyRow).toHaveCount(1)
  await expect(keyRow).toContainText('Active')

  // "Every event type" in the form: the endpoint is subscribed to the succeeded event.
  const { event, deliveries } = await kayle.emit('verification.session.succeeded', {
    type: 'verification.session.succeeded',
    metadata: { contract_version: 1, verification_session_id: 'vs_doc' },
    data: {
      claims: { given_names: 'Marie', family_name: 'Curie' },
      selected_field_keys: ['family_name', 'given_names'],
    },
  })
  expect(deliveries).toHaveLength(1)
  expect(deliveries[0]).toMatchObject({
    status: 'succeeded',
    last_status_code: 200,
    attempt_count: 1,
  })

  await page.goto('/events?provider=kayle')
  const row = page.getByTestId('event-row').filter({ hasText: 'verification.session.succeeded' })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('Verified')
  // The permalink page (a plain click opens the split view on /events instead).
  await page.goto(`/events/${await row.getAttribute('data-event-id')}`)
  // Decrypted: the payload's fields are stored (the claims sit folded in the JSON view).
  await expect(page.getByText('verification_session_id').first()).toBeVisible()
  // Folded children are drawn when opened.
  await page.getByTestId('json-tree').getByText('"claims":').click()
  await expect(page.getByTestId('json-tree').getByText('"Curie"')).toBeVisible()
  // Kayle's ids of the delivery, and from them the event at Kayle (GET event) with its deliveries.
  const ids = page.getByTestId('kayle-delivery-ids')
  await expect(ids.getByText(String(event.id), { exact: true })).toBeVisible()
  await expect(ids.getByText('vs_doc', { exact: true })).toBeVisible()
  await expect(ids.getByText(String(deliveries[0]!.id), { exact: true })).toBeVisible()
  await ids.getByRole('link', { name: 'Event at Kayle (replay)' }).click()
  await expect(page.getByRole('heading', { name: 'verification.session.succeeded' })).toBeVisible()
  await expect(page.getByTestId('kayle-delivery-row')).toHaveCount(1)
  // Delivered, so scrubbed: Kayle answers the replay 409, and the console shows an error, not success.
  await page.getByRole('button', { name: `Replay event ${event.id}` }).click()
  await expectToast(page, 'error', 'Kayle could not do this now')
  await page
    .getByTestId('kayle-delivery-row')
    .getByRole('link', { name: /^Details of delivery / })
    .click()
  await expect(page.getByRole('heading', { name: 'Kayle delivery' })).toBeVisible()
  await expect(page.getByText('Documented Kayle')).toBeVisible()
  await expect(page.getByTestId('kayle-retention-reason')).toHaveText(
    'Scrubbed: the endpoint answered 2xx, and Kayle removes the payload at the first 2xx.',
  )
  await expect(page.getByTestId('kayle-no-retry')).toBeVisible()

  await page.goto('/kayle/deliveries')
  const delivery = page.getByTestId('kayle-delivery-row')
  await expect(delivery).toHaveCount(1)
  await expect(delivery).toContainText('Documented Kayle')
  await expect(delivery.getByRole('cell').nth(3)).toHaveText('1')
  await page.goto('/kayle/events')
  await expect(page.getByTestId('kayle-event-row')).toContainText(String(event.id))

  // Deactivated at Kayle, the key gets nothing; reactivated, deliveries resume.
  await page.goto('/kayle/endpoints')
  await page
    .getByTestId('kayle-endpoint-row')
    .filter({ hasText: 'Documented Kayle' })
    .getByRole('link')
    .first()
    .click()
  for (const [action, toast, state, event, status] of [
    ['Deactivate', 'Key deactivated', 'Inactive', 'verification.session.failed', 'failed'],
    ['Reactivate', 'Key reactivated', 'Active', 'verification.session.expired', 'succeeded'],
  ] as const) {
    await keyRow.getByRole('button', { name: new RegExp(`^${action} key `) }).click()
    await expect(page.getByText(toast)).toBeVisible()
    await expect(keyRow).toContainText(state)
    expect((await kayle.emit(event, { type: event })).deliveries[0], event).toMatchObject({
      status,
    })
  }

  // Rotation as encryption.mdx describes it: the new key registered (active), then the old one deactivated.
  const before = kayle.requests.length
  await page.getByRole('button', { name: 'Rotate key' }).click()
  await expectToast(page, 'success', 'Key rotated: the new key is active')
  await expect(keyRow).toHaveCount(2)
  await expect(keyRow.first()).toContainText('Active')
  await expect(keyRow.nth(1)).toContainText('Inactive')
  const calls = kayle.requests
    .slice(before)
    .filter((r) => r.method === 'POST')
    .map((r) => r.path.replace(/whe_\w+|whk_\w+/g, ':id'))
  expect(calls).toEqual(['/v1/webhooks/endpoints/:id/keys', '/v1/webhooks/keys/:id/deactivate'])
  const retired = kayle.requests
    .slice(before)
    .find((r) => r.path.endsWith('/deactivate'))!
    .path.split('/')[4]
  const rotated = (
    await kayle.emit('verification.session.expired', { type: 'verification.session.expired' })
  ).deliveries[0]!
  expect(rotated).toMatchObject({ status: 'succeeded' })
  expect(rotated.webhook_encryption_key_id).not.toBe(retired)

  await page.getByRole('button', { name: 'Delete endpoint' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Delete endpoint' }).click()
  await expect(page).toHaveURL(/\/kayle\/endpoints$/)
  await expect(page.getByRole('heading', { name: 'No Kayle endpoints yet' })).toBeVisible()

  expect(problems()).toEqual([])
})

test('the endpoints page pages through Kayle’s cursor, past 100 endpoints, forward and back, with deep links', async ({
  page,
}) => {
  const start = kayle.requests.length
  for (let i = 0; i < 105; i++) {
    const res = await page.request.post(`${kayle.url}/v1/webhooks/endpoints`, {
      headers: { authorization: `Bearer ${E2E_KAYLE_API_KEY}` },
      data: {
        url: `https://hooks.example.com/many/${i}`,
        name: `Many ${String(i).padStart(3, '0')}`,
        subscribed_event_types: ['verification.session.succeeded'],
      },
    })
    expect(res.ok(), await res.text()).toBe(true)
  }
  const rows = page.getByTestId('kayle-endpoint-row')
  const pages = page.getByRole('navigation', { name: 'Pages of endpoints' })
  await page.goto('/kayle/endpoints')
  await expect(rows).toHaveCount(50)
  await expect(rows.first()).toContainText('Many 000')
  await expect(pages.getByRole('link', { name: 'Previous' })).toHaveCount(0)
  await pages.getByRole('link', { name: 'Next' }).click()
  await expect(pages).toContainText('Page 2 · endpoints 51–100')
  await expect(rows.first()).toContainText('Many 050')
  await captureEveryLook(page, 'kayle-endpoints-page-2', reviewViewports)
  await pages.getByRole('link', { name: 'Next' }).click()
  await expect(pages).toContainText('Page 3 · endpoints 101–105')
  await expect(rows).toHaveCount(5)
  await expect(rows.last()).toContainText('Many 104')
  await expect(pages.getByRole('link', { name: 'Next' })).toHaveCount(0)
  // A deep link (or a reload) lands on the same page, and Previous still goes back.
  await page.goto(page.url())
  await expect(rows.first()).toContainText('Many 100')
  await pages.getByRole('link', { name: 'Previous' }).click()
  await expect(rows.first()).toContainText('Many 050')
  await pages.getByRole('link', { name: 'Previous' }).click()
  await expect(page).toHaveURL(/\/kayle\/endpoints$/)
  await expect(rows.first()).toContainText('Many 000')
  // Each page is one call with Kayle's limit and starting_after: never the whole list.
  const lists = kayle.requests
    .slice(start)
    .filter((r) => r.method === 'GET' && r.path === '/v1/webhooks/endpoints')
  expect(lists.length).toBeGreaterThanOrEqual(6)
  expect(lists.every((r) => new URLSearchParams(r.query).get('limit') === '50')).toBe(true)
  expect(problems()).toEqual([])
})
