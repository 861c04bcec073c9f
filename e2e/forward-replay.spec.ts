import { createHmac, randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { HOOK_TARGET_PORT } from '../playwright.config'
import { asAdmin } from './support/as-admin'
import { deliver } from './support/deliveries'
import { startHookTarget } from './support/hook-target'
import { captureEveryLook, reviewViewports } from './support/screenshots'
import { signIn } from './support/sign-in'
import { EndpointsPage } from './pages/endpoints-page'
import { reviewScreen } from './support/review'
import { EventsPage } from './pages/events-page'
import { UsersPage } from './pages/users-page'

// Access tokens under Settings (shown once, last use, revoke), "Send again" on a delivery, and the
// hosts an admin allows it to reach.

/**
 * Delivers one KonPro webhook; answers its video id and its permalink page's address, as the list
 * links it (a plain click on a row opens the split view beside the list instead).
 */
async function deliveryPage(page: Page, request: APIRequestContext) {
  const videoId = await deliver(request)
  await page.goto(`/events?q=${videoId}`)
  const href = await page
    .getByRole('link', { name: /avatar_video\.success/ })
    .first()
    .getAttribute('href')
  return { videoId, href: href ?? '' }
}

test('an access token is shown once, records its last use, and stops working when revoked', async ({
  page,
  request,
  baseURL,
}) => {
  await page.goto('/settings/tokens')
  await expect(page.getByRole('heading', { name: 'No access tokens' })).toBeVisible()
  await reviewScreen(page, 'settings-tokens-empty', reviewViewports)

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
  await reviewScreen(page, 'settings-tokens-created', reviewViewports)

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
  await reviewScreen(page, 'settings-tokens-used', reviewViewports)

  await page.getByRole('button', { name: /^Revoke token laptop forwarder/ }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click()
  await expect(page.getByRole('heading', { name: 'No access tokens' })).toBeVisible()
  const refused = await request.get('/api/events/stream', {
    headers: { authorization: `Bearer ${token}` },
  })
  expect(refused.status()).toBe(401)
})

test('a viewer creates and revokes a token, and the audit log names it by its prefix only', async ({
  page,
  browser,
  baseURL,
}) => {
  const viewerEmail = `viewer-${randomBytes(4).toString('hex')}@tokens.test`
  const password = (await new UsersPage(page).add(viewerEmail)).trim()
  const context = await browser.newContext({ baseURL, storageState: undefined })
  let token = ''
  try {
    await signIn(context.request, baseURL!, viewerEmail, password)
    const asViewer = await context.newPage()
    await asViewer.goto('/settings/tokens')
    await expect(asViewer.getByRole('heading', { name: 'No access tokens' })).toBeVisible()
    await asViewer.getByRole('button', { name: 'Create token' }).click()
    await asViewer.getByLabel('Token name').fill('viewer laptop')
    await asViewer.getByRole('button', { name: 'Create token' }).click()
    token = (await asViewer.getByTestId('new-access-token').textContent())!.trim()
    expect(token).toMatch(/^kpt_[A-Za-z0-9_-]{43}$/)
    const stream = await fetch(`${baseURL}/api/events/stream`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(stream.status).toBe(200)
    await stream.body?.cancel()

    await asViewer.getByRole('button', { name: 'Revoke token viewer laptop' }).click()
    await asViewer.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click()
    await expect(asViewer.getByRole('heading', { name: 'No access tokens' })).toBeVisible()
    const refused = await fetch(`${baseURL}/api/events/stream`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(refused.status).toBe(401)
  } finally {
    await context.close()
  }

  // The admin reads both in the audit log: who, which token (name and prefix), never the token.
  await page.goto(`/settings/audit?actor=${encodeURIComponent(viewerEmail)}`)
  const log = page.getByRole('table', { name: 'Audit log' })
  for (const action of ['token.created', 'token.revoked']) {
    const row = log.getByTestId('audit-row').filter({ hasText: action })
    await expect(row).toHaveCount(1)
    await expect(row).toContainText(viewerEmail)
    await expect(row).toContainText('viewer laptop')
    await expect(row).toContainText(`"prefix":"${token.slice(0, 10)}"`)
  }
  expect(await page.content()).not.toContain(token)
})

test('"Send again" re-sends a delivery and lists each answer as an attempt', async ({
  page,
  request,
  baseURL,
}) => {
  await page.goto((await deliveryPage(page, request)).href)
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

test('"Send again" re-signed with a chosen endpoint signs with that endpoint’s secret', async ({
  page,
  request,
}) => {
  // The one loopback target the e2e server allows (SANDBOX_ALLOW_HOSTS), as a staging app.
  const target = await startHookTarget(HOOK_TARGET_PORT)
  try {
    const endpoints = new EndpointsPage(page)
    const endpointUrl = `${target.base}/resign-endpoint-${randomBytes(3).toString('hex')}`
    await endpoints.goto()
    await endpoints.create(endpointUrl)
    const row = endpoints.row(endpointUrl)
    await row.getByRole('button', { name: 'Reveal secret' }).click()
    await expect(row.getByTestId('secret-value')).toHaveText(/^whsec_[A-Za-z0-9_-]{20,}$/)
    const secret = (await row.getByTestId('secret-value').textContent())!

    const { videoId, href } = await deliveryPage(page, request)
    await page.goto(href)
    await page.getByLabel('Send again to').fill(`${target.base}/staging`)
    await page.getByRole('radio', { name: 'Re-signed with an endpoint’s secret' }).check()
    await page.getByLabel('Endpoint', { exact: true }).selectOption({ label: endpointUrl })
    await page.getByRole('button', { name: 'Send again' }).click()
    await expect(page.getByTestId('replay-attempt')).toHaveCount(1)
    await expect(page.getByTestId('replay-attempt').first()).toContainText(
      'Re-signed with endpoint',
    )
    await expect(page.getByTestId('replay-attempt').first()).toContainText('200')

    const got = target.deliveries.filter((d) => d.path === '/staging')
    expect(got).toHaveLength(1)
    expect(got[0]!.body).toContain(videoId)
    // KonPro's `Signature`: HMAC-SHA256 of the raw body with the endpoint's secret, looked up on
    // the server (the browser only named the endpoint).
    expect(got[0]!.headers.signature).toBe(
      createHmac('sha256', secret).update(got[0]!.body).digest('hex'),
    )
  } finally {
    await target.close()
  }
})

test('an admin allows a host under Settings, and "Send again" reaches it until it is removed', async ({
  page,
  request,
}) => {
  // A target on loopback, which every outbound request refuses unless it is allowed.
  const received: string[] = []
  const target = createServer((req, res) => {
    received.push(`${req.method} ${req.url}`)
    res.writeHead(200, { 'content-type': 'text/plain' }).end('staging took it')
  })
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve))
  const port = (target.address() as AddressInfo).port
  const hookUrl = `http://127.0.0.1:${port}/hook`
  try {
    const { href: permalink } = await deliveryPage(page, request)
    const sendAgain = async () => {
      await page.goto(permalink)
      const before = await page.getByTestId('replay-attempt').count()
      await page.getByLabel('Send again to').fill(hookUrl)
      await page.getByRole('button', { name: 'Send again' }).click()
      await expect(page.getByTestId('replay-attempt')).toHaveCount(before + 1)
      return page.getByTestId('replay-attempt').first()
    }
    await expect(await sendAgain()).toContainText('not sent')
    expect(received).toEqual([])

    await page.goto('/settings')
    const card = page.getByRole('region', { name: 'Allowed outbound hosts' })
    await expect(card.getByText('No hosts are allowed here yet')).toBeVisible()
    const field = card.getByLabel('Host', { exact: true })

    // A URL is not a host: the message sits by the field, and what was typed stays.
    await field.fill('https://staging.internal:8443/hook')
    await card.getByRole('button', { name: 'Allow host' }).click()
    await expect(card.getByText('Enter the host without http:// or https://')).toBeVisible()
    await expect(field).toHaveValue('https://staging.internal:8443/hook')
    await expect(field).toHaveAttribute('aria-invalid', 'true')
    await captureSettings(page, 'settings-allowed-hosts-error')

    await field.fill(`127.0.0.1:${port}`)
    await card.getByRole('button', { name: 'Allow host' }).click()
    await expect(card.getByTestId('allowed-host')).toHaveCount(1)
    await expect(field).toHaveValue('')
    await field.fill('a-rather-long-staging-host-name.eu-central-1.internal.example.com')
    await card.getByRole('button', { name: 'Allow host' }).click()
    await expect(card.getByTestId('allowed-host')).toHaveCount(2)
    // Listed already: the server says so by the field.
    await field.fill(`127.0.0.1:${port}`)
    await card.getByRole('button', { name: 'Allow host' }).click()
    await expect(card.getByText(`127.0.0.1:${port} is already in the list.`)).toBeVisible()
    await field.fill('')
    await page.reload()
    await expect(
      card.getByTestId('allowed-host').filter({ hasText: `127.0.0.1:${port}` }),
    ).toContainText('by admin@e2e.test')
    await expect(
      card.getByTestId('allowed-host').filter({ hasText: 'a-rather-long-staging-host-name' }),
    ).toContainText('Any port')
    await captureSettings(page, 'settings-allowed-hosts')

    await expect(await sendAgain()).toContainText('200')
    expect(received).toEqual(['POST /hook'])

    await page.goto('/settings')
    for (const host of [
      `127.0.0.1:${port}`,
      'a-rather-long-staging-host-name.eu-central-1.internal.example.com',
    ]) {
      await card.getByRole('button', { name: `Remove ${host}` }).click()
      await page
        .getByRole('dialog', { name: `Stop allowing ${host}?` })
        .getByRole('button', { name: 'Remove host' })
        .click()
      await expect(card.getByRole('button', { name: `Remove ${host}` })).toHaveCount(0)
    }
    await expect(card.getByText('No hosts are allowed here yet')).toBeVisible()

    await expect(await sendAgain()).toContainText('not sent')
    expect(received).toEqual(['POST /hook'])
  } finally {
    target.closeAllConnections()
    await new Promise<void>((resolve) => target.close(() => resolve()))
  }
})

/** Settings as reviewed: light and dark, a wide laptop and a small phone. */
const captureSettings = (page: Page, name: string) => captureEveryLook(page, name, reviewViewports)

// The later specs start from an empty log: leave none behind.
test.afterAll(async ({ browser, baseURL }) => {
  await asAdmin(browser, baseURL, (page) => new EventsPage(page).clearLog())
})
