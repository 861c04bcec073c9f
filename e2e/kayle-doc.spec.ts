import { expect, test } from '@playwright/test'
import { E2E_ADMIN, E2E_KAYLE_API_KEY, KAYLE_DOC_MODE_PORT, KAYLE_DOC_PORT } from '../playwright.config'
import { startKayleDocServer, type KayleDocServer } from '../lib/test/kayle-doc-server'
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

const problems = () => kayle.requests.filter((r) => r.problems.length).map((r) => `${r.method} ${r.path}${r.query}: ${r.problems.join('; ')}`)

test('against a documented Kayle: create, key, an emitted delivery decrypted in the log, deactivate and reactivate, delete', async ({ page }) => {
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
    metadata: { contract_version: 1, event_id: 'evt_doc', verification_session_id: 'vs_doc' },
    data: { claims: { given_names: 'Marie', family_name: 'Curie' }, selected_field_keys: ['family_name', 'given_names'] },
  })
  expect(deliveries).toHaveLength(1)
  expect(deliveries[0]).toMatchObject({ status: 'succeeded', last_status_code: 200, attempt_count: 1 })

  await page.goto('/events?provider=kayle')
  const row = page.getByTestId('event-row').filter({ hasText: 'verification.session.succeeded' })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('Verified')
  // The permalink page (a plain click opens the split view on /events instead).
  await page.goto(`/events/${await row.getAttribute('data-event-id')}`)
  // Decrypted: the payload's fields are stored (the claims sit folded in the JSON view).
  await expect(page.getByText('verification_session_id').first()).toBeVisible()
  await expect(page.getByText('"Curie"').first()).toBeAttached()

  await page.goto('/kayle/deliveries')
  const delivery = page.getByTestId('kayle-delivery-row')
  await expect(delivery).toHaveCount(1)
  await expect(delivery).toContainText('Documented Kayle')
  await expect(delivery.getByRole('cell').nth(3)).toHaveText('1')
  await page.goto('/kayle/events')
  await expect(page.getByTestId('kayle-event-row')).toContainText(String(event.id))

  // Deactivated at Kayle, the key gets nothing; reactivated, deliveries resume.
  await page.goto('/kayle/endpoints')
  await page.getByTestId('kayle-endpoint-row').filter({ hasText: 'Documented Kayle' }).getByRole('link').first().click()
  await keyRow.getByRole('button', { name: /^Deactivate key / }).click()
  await expect(page.getByText('Key deactivated')).toBeVisible()
  await expect(keyRow).toContainText('Inactive')
  expect((await kayle.emit('verification.session.failed', { type: 'verification.session.failed' })).deliveries[0]).toMatchObject({ status: 'failed' })
  await keyRow.getByRole('button', { name: /^Reactivate key / }).click()
  await expect(page.getByText('Key reactivated')).toBeVisible()
  await expect(keyRow).toContainText('Active')
  expect((await kayle.emit('verification.session.expired', { type: 'verification.session.expired' })).deliveries[0]).toMatchObject({ status: 'succeeded' })

  await page.getByRole('button', { name: 'Delete endpoint' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Delete endpoint' }).click()
  await expect(page).toHaveURL(/\/kayle\/endpoints$/)
  await expect(page.getByRole('heading', { name: 'No Kayle endpoints yet' })).toBeVisible()

  expect(problems()).toEqual([])
})

test('the endpoints page lists every endpoint, past Kayle’s first page of 100', async ({ page }) => {
  for (let i = 0; i < 105; i++) {
    const res = await page.request.post(`${kayle.url}/v1/webhooks/endpoints`, {
      headers: { authorization: `Bearer ${E2E_KAYLE_API_KEY}` },
      data: { url: `https://hooks.example.com/many/${i}`, name: `Many ${String(i).padStart(3, '0')}`, subscribed_event_types: ['verification.session.succeeded'] },
    })
    expect(res.ok(), await res.text()).toBe(true)
  }
  await page.goto('/kayle/endpoints')
  await expect(page.getByTestId('kayle-endpoint-row')).toHaveCount(105)
  await expect(page.getByTestId('kayle-endpoint-row').filter({ hasText: 'Many 000' })).toHaveCount(1)
  await expect(page.getByTestId('kayle-endpoint-row').filter({ hasText: 'Many 104' })).toHaveCount(1)
  expect(problems()).toEqual([])
})
