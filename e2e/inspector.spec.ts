import { createHmac } from 'node:crypto'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { E2E_ADMIN, HOOK_TARGET_PORT } from '../playwright.config'
import { expectAccessible } from './support/axe'
import { RECEIVER, deliver, deliverMany, konproPayload } from './support/deliveries'
import { startHookTarget } from './support/hook-target'
import { captureEveryLook, reviewViewports } from './support/screenshots'
import { reviewScreen } from './support/review'
import { backdateDelivery } from './support/stored-rows'
import { EndpointsPage } from './pages/endpoints-page'
import { EventsPage } from './pages/events-page'
import { LoginPage } from './pages/login-page'
import { UsersPage } from './pages/users-page'

// What a newcomer hit while inspecting deliveries, one test each; serial, on the main server's data.
test.describe.configure({ mode: 'serial' })

let target: Awaited<ReturnType<typeof startHookTarget>>
test.beforeAll(async () => {
  target = await startHookTarget(HOOK_TARGET_PORT)
})
// The specs after this one (receiver.spec.ts) start from a console with no endpoints: remove ours.
test.afterAll(async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, storageState: 'reports/.auth/admin.json' })
  const page = await context.newPage()
  await page.goto('/konpro/endpoints')
  for (let left = await page.getByTestId('endpoint-row').count(); left > 0; left--) {
    await page
      .getByTestId('endpoint-row')
      .first()
      .getByRole('button', { name: /^Delete endpoint/ })
      .click()
    await page.getByRole('dialog').getByRole('button', { name: 'Delete endpoint' }).click()
    await expect(page.getByTestId('endpoint-row')).toHaveCount(left - 1)
  }
  await context.close()
  await target.close()
})

// The header's actions, the receiver bar, the range links, the chart (one stop) and the filters.
const MAX_TABS_TO_FIRST_ROW = 20
const longPath = `/hooks/${'a-very-long-path-segment-'.repeat(16)}end?token=${'t'.repeat(80)}`
const viewer = { email: `viewer-${Date.now().toString(36)}@inspector.test`, password: '' }

/** True when the box lies inside the viewport, horizontally. */
async function insideViewport(page: Page, box: { x: number; width: number } | null) {
  const width = page.viewportSize()?.width ?? 0
  return box !== null && box.x >= 0 && box.x + box.width <= width + 1
}

const answerCard = (page: Page) => page.getByRole('region', { name: /Test answers: KonPro/ })

/** A test answer for KonPro's receiver, for its next delivery only. */
async function setAnswerRule(page: Page, status: string) {
  await page.goto('/settings')
  await answerCard(page).getByLabel('Status').fill(status)
  await answerCard(page).getByLabel('Deliveries').fill('1')
  await answerCard(page).getByRole('button', { name: 'Set test answer' }).click()
  await expect(page.getByText(`Test answer set: ${status}.`)).toBeVisible()
}

async function clearAnswerRule(page: Page) {
  await page.goto('/settings')
  await expect(answerCard(page).getByRole('button', { name: 'Set test answer' })).toBeVisible()
  const clear = answerCard(page).getByRole('button', { name: 'Clear test answer' })
  if (await clear.isVisible()) {
    await clear.click()
    await expect(page.getByText('Test answer cleared')).toBeVisible()
  }
}

async function signInAs(browser: Browser, baseURL: string, email: string, password: string) {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } })
  const page = await context.newPage()
  await new LoginPage(page).signIn(email, password)
  await expect(page).toHaveURL(/\/konpro\/endpoints/)
  return { context, page }
}

test('the send-test dialog keeps a long endpoint URL inside it, on a laptop and a phone', async ({
  page,
}) => {
  const endpoints = new EndpointsPage(page)
  await endpoints.goto()
  await endpoints.create(`${target.base}${longPath}`)
  await page.getByRole('button', { name: 'Send test event' }).click()
  const dialog = page.getByRole('dialog', { name: 'Send a test event' })
  await dialog.getByLabel('Event type').selectOption('avatar_video.success')
  await dialog.getByRole('button', { name: 'Send' }).click()
  await expect(dialog.getByRole('list', { name: 'Deliveries' })).toContainText(
    'a-very-long-path-segment',
  )
  for (const viewport of Object.values(reviewViewports)) {
    await page.setViewportSize(viewport)
    expect(
      await insideViewport(page, await dialog.boundingBox()),
      `dialog at ${viewport.width}px`,
    ).toBe(true)
    expect(
      await insideViewport(page, await dialog.getByRole('button', { name: 'Send' }).boundingBox()),
      `Send at ${viewport.width}px`,
    ).toBe(true)
    await expect(dialog.getByRole('heading', { name: 'Send a test event' })).toBeInViewport()
  }
  // The "Endpoint created" toast fades out under the dialog; axe would judge it mid-fade.
  await expect(page.locator('[data-sonner-toast]')).toHaveCount(0, { timeout: 15_000 })
  await reviewScreen(page, 'inspector-send-test-long-url', reviewViewports)
})

test('revealing a secret leaves the endpoints table as it was; a long URL is one line with hover and copy', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.setViewportSize(reviewViewports.desktop)
  const endpoints = new EndpointsPage(page)
  await endpoints.goto()
  const row = endpoints.row('a-very-long-path-segment')
  const url = row.getByRole('link', { name: `${target.base}${longPath}`, exact: true })
  await expect(url).toHaveAttribute('title', `${target.base}${longPath}`)
  const lineHeight = await url.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight))
  expect((await url.boundingBox())?.height ?? 0, 'the URL stays on one line').toBeLessThan(
    lineHeight * 1.5,
  )
  const before = (await row.boundingBox())?.height ?? 0
  const widths = await page
    .getByRole('table', { name: 'Endpoints' })
    .locator('th')
    .evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().width))
  await row.getByRole('button', { name: 'Reveal secret' }).click()
  await expect(row.getByTestId('secret-value')).toHaveText(/^whsec_[A-Za-z0-9_-]{20,}$/)
  expect((await row.boundingBox())?.height ?? 0).toBeCloseTo(before, 0)
  expect(
    await page
      .getByRole('table', { name: 'Endpoints' })
      .locator('th')
      .evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().width)),
  ).toEqual(widths)
  await captureEveryLook(page, 'inspector-endpoints-revealed', reviewViewports)
  await page.setViewportSize(reviewViewports.desktop)
  await row.getByRole('button', { name: 'Copy URL' }).click()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    `${target.base}${longPath}`,
  )
})

test('the "N new deliveries" pill brings the new rows into view from a small scroll too', async ({
  page,
  request,
}) => {
  await deliverMany(request, 30, (i) => (i % 2 ? 'avatar_video.success' : 'personalized_video'))
  await page.setViewportSize(reviewViewports.desktop)
  const events = new EventsPage(page)
  await events.goto()
  await events.expectConnection('live')
  for (const offset of [150, 220, 300]) {
    await events.scroller.evaluate((el, top) => el.scrollTo({ top }), offset)
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    )
    const arrived = await deliver(request)
    const pill = page.getByRole('button', { name: /1 new delivery/ })
    await expect(pill).toBeVisible()
    await pill.click()
    await expect(events.row(arrived)).toBeInViewport()
    await expect
      .poll(() => events.scroller.evaluate((el) => el.scrollTop), `scrolled back from ${offset}px`)
      .toBeLessThanOrEqual(8)
    await expect(page.getByTestId('event-row').first()).toContainText(arrived)
  }
})

test('the events empty state, once the receiver is registered, says what to do next', async ({
  page,
}) => {
  const events = new EventsPage(page)
  await events.goto()
  const register = page.getByRole('button', { name: 'Register this receiver' })
  if (await register.isVisible()) await register.click()
  await expect(page.getByText('Registered with KonPro', { exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'Clear log' }).click()
  const dialog = page.getByRole('dialog', { name: 'Clear the event log?' })
  await dialog.getByRole('button', { name: /^Remove / }).click()
  await expect(page.getByRole('heading', { name: 'No deliveries yet' })).toBeVisible()
  const empty = page.getByRole('heading', { name: 'No deliveries yet' }).locator('..')
  await expect(empty).not.toContainText('Register an endpoint')
  await expect(empty).toContainText('registered')
  await expect(page.getByRole('link', { name: 'Send a test event' })).toHaveAttribute(
    'href',
    '/konpro/endpoints',
  )
  await reviewScreen(page, 'inspector-events-empty-registered', reviewViewports)
})

test('Test connection in the sandbox says the sandbox answered, not KonPro', async ({ page }) => {
  await page.goto('/settings')
  await page.getByRole('button', { name: 'Test connection' }).click()
  const status = page.getByRole('status').filter({ hasText: 'answered' })
  await expect(status).toContainText('sandbox')
  await expect(status).not.toContainText('KonPro answered')
})

test('a just-added user reads "Added just now" even when the browser clock runs behind', async ({
  page,
}) => {
  // The browser's clock is 20 s behind the server's.
  await page.clock.install({ time: Date.now() - 20_000 })
  viewer.password = await new UsersPage(page).add(viewer.email)
  const row = page.getByTestId('user-row').filter({ hasText: viewer.email })
  await expect(row).toContainText('just now')
  await expect(row).not.toContainText(/\bin \d+ seconds?/)
})

test('users and audit tables keep emails whole on a phone', async ({ page }) => {
  await page.setViewportSize(reviewViewports.phone)
  for (const path of ['/settings/users', '/settings/audit']) {
    await page.goto(path)
    const email = page
      .getByRole('main')
      .getByText(E2E_ADMIN.email, { exact: true })
      .filter({ visible: true })
      .first()
    await expect(email).toBeVisible()
    const { height, lineHeight } = await email.evaluate((el) => ({
      height: el.getBoundingClientRect().height,
      lineHeight: parseFloat(getComputedStyle(el).lineHeight) || 20,
    }))
    expect(height, `${path}: the email is on one line`).toBeLessThan(lineHeight * 1.5)
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    expect(overflow, `${path}: the page itself does not scroll sideways`).toBeLessThanOrEqual(0)
    await expectAccessible(page)
  }
  await page.goto('/settings/users')
  await captureEveryLook(page, 'inspector-settings-users', reviewViewports)
  await page.goto('/settings/audit')
  await captureEveryLook(page, 'inspector-settings-audit', reviewViewports)
})

test('a viewer sees what they may do, and why the rest is closed', async ({
  browser,
  baseURL,
  page: admin,
}) => {
  // A Kayle endpoint, so the viewer sees Kayle's list with rows in it.
  await admin.goto('/kayle/endpoints/new')
  await admin.getByLabel('Endpoint URL').fill(`http://127.0.0.1:${HOOK_TARGET_PORT}/kayle`)
  await admin.getByLabel('Name').fill('Viewer check')
  await admin.getByRole('button', { name: 'Create endpoint' }).click()
  await expect(admin.getByRole('heading', { name: 'Viewer check' })).toBeVisible()
  const kayleEndpoint = admin.url()
  const { context, page } = await signInAs(browser, baseURL!, viewer.email, viewer.password)
  // The sandbox banner does not ask a viewer to store a key.
  await expect(page.getByRole('banner')).not.toContainText('Store an API key')
  await expect(page.getByTestId('viewer-note').first()).toContainText('admin')
  // Creating an endpoint: visible but explained, and the form address says why instead of bouncing silently.
  await expect(page.getByText('Only an admin can create endpoints')).toBeVisible()
  await page.goto('/konpro/endpoints/new')
  await expect(page).toHaveURL(/\/konpro\/endpoints\?denied=/)
  await expect(page.getByRole('status').filter({ hasText: 'for admins only' })).toBeVisible()
  await captureEveryLook(page, 'inspector-viewer-denied', reviewViewports)
  for (const path of ['/settings/users', '/settings/audit']) {
    await page.goto(path)
    await expect(page).toHaveURL(/denied=/)
    await expect(page.getByRole('status').filter({ hasText: 'for admins only' })).toBeVisible()
  }
  await page.goto('/settings')
  const tabs = page.getByRole('navigation', { name: 'Settings' })
  await expect(tabs).toContainText('Users')
  await expect(tabs).toContainText('Audit log')
  await expect(tabs).toContainText('Admins only')
  await reviewScreen(page, 'inspector-viewer-settings', reviewViewports)

  // Kayle's list says the same: its admin-only form sends a viewer back to it with the reason.
  await page.goto('/kayle/endpoints')
  await expect(page.getByTestId('kayle-endpoint-row')).not.toHaveCount(0)
  await expect(
    page.getByTestId('viewer-note').filter({ hasText: 'Only an admin can create Kayle endpoints' }),
  ).toBeVisible()
  await expect(page.getByRole('link', { name: /Create endpoint/ })).toHaveCount(0)
  await page.goto('/kayle/endpoints/new')
  await expect(page).toHaveURL(/\/kayle\/endpoints\?denied=admin$/)
  await expect(page.getByRole('status').filter({ hasText: 'for admins only' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'Kayle endpoints' })).toBeVisible()
  await captureEveryLook(page, 'inspector-viewer-kayle-denied', reviewViewports)
  await context.close()

  await admin.goto(kayleEndpoint)
  await admin.getByRole('button', { name: 'Delete endpoint' }).click()
  await admin.getByRole('dialog').getByRole('button', { name: 'Delete endpoint' }).click()
  await expect(admin).toHaveURL(/\/kayle\/endpoints$/)
})

test('times read "N min ago" everywhere, with local time and UTC on hover and in the detail', async ({
  browser,
  baseURL,
  request,
}) => {
  const id = await deliver(request, 'avatar_video.success')
  const context = await browser.newContext({
    baseURL,
    storageState: 'reports/.auth/admin.json',
    timezoneId: 'America/New_York',
  })
  const page = await context.newPage()
  // Three minutes later in the browser.
  await page.clock.install({ time: Date.now() + 3 * 60_000 + 5000 })
  const events = new EventsPage(page)
  await events.goto()
  const time = events.row(id).locator('time').last()
  await expect(time).toHaveText('3 min ago')
  const title = (await time.getAttribute('title')) ?? ''
  expect(title).toMatch(/E[SD]T|GMT-[45]/)
  expect(title).toMatch(/UTC/)
  await page.goto('/konpro/endpoints')
  await expect(page.getByTestId('endpoint-row').first().locator('time').first()).toHaveText(
    /^(just now|\d+ (s|min|h|d) ago|\d{1,2} \w{3} \d{4})$/,
  )
  await page.goto('/events')
  await events.row(id).getByRole('link', { name: 'avatar_video.success' }).click()
  const received = page.getByTestId('received-at')
  await expect(received).toContainText(/E[SD]T|GMT-[45]/)
  await expect(received).toContainText('UTC')

  // The permalink's header line, and each attempt of "Send again", read the same way.
  const permalink = await events
    .row(id)
    .getByRole('link', { name: 'avatar_video.success' })
    .getAttribute('href')
  await page.goto(permalink!)
  const header = page.getByTestId('detail-received-at')
  await expect(header).toContainText(/E[SD]T|GMT-[45]/)
  await expect(header).toContainText('UTC')
  await page.getByLabel('Send again to').fill('http://10.0.0.1/hook')
  await page.getByRole('button', { name: 'Send again' }).click()
  const attemptAt = page.getByTestId('replay-attempt-at')
  await expect(attemptAt).toContainText(/E[SD]T|GMT-[45]/)
  await expect(attemptAt).toContainText('UTC')

  // The chart: labels in New York time, each bar's tooltip with UTC beside it, and so the chip.
  await events.goto('?since=1h')
  await expect(page.getByTestId('chart-zone')).toHaveText(/^Times in (E[SD]T|GMT-[45])$/)
  const first = page.getByTestId('chart-bar').first()
  await expect(first).toHaveAttribute(
    'title',
    /^\d\d:\d\d–\d\d:\d\d (E[SD]T|GMT-[45]) \(\d\d:\d\d–\d\d:\d\d UTC\): /,
  )
  const [, local, utc] = (await first.getAttribute('title'))!.match(/^(\d\d:\d\d).*?\((\d\d:\d\d)/)!
  expect(local, 'New York is behind UTC').not.toBe(utc)
  await expect(page.getByTestId('chart-label').first()).toHaveText(local!)
  await page.locator('[data-testid=chart-bar]:not([data-total="0"])').last().click()
  const chip = page.getByTestId('time-chip')
  await expect(chip).toContainText(/(E[SD]T|GMT-[45]) \(.* UTC\)/)
  await reviewScreen(page, 'inspector-local-times', reviewViewports)
  await context.close()
})

test('the log starts above the fold: the registered receiver is one line and the chart is compact', async ({
  page,
  request,
}) => {
  await deliverMany(request, 12, (i) => (i % 3 ? 'avatar_video.success' : 'video_translate.fail'))
  const events = new EventsPage(page)
  await page.setViewportSize(reviewViewports.desktop)
  await events.goto()
  await expect(page.getByTestId('receiver-bar')).toBeVisible()
  const fullyVisible = async () => {
    const height = page.viewportSize()?.height ?? 0
    const boxes = await page
      .getByTestId('event-row')
      .evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().bottom))
    return boxes.filter((bottom) => bottom <= height).length
  }
  expect(await fullyVisible(), 'rows visible at 1440x900 without scrolling').toBeGreaterThanOrEqual(
    5,
  )
  await page.setViewportSize(reviewViewports.phone)
  await events.goto()
  expect(await fullyVisible(), 'rows visible at 375x812 without scrolling').toBeGreaterThanOrEqual(
    1,
  )
  await reviewScreen(page, 'inspector-events-above-fold', reviewViewports)
})

test('the chart counts a delivery the moment the log shows it, with labels under their bars', async ({
  page,
  request,
}) => {
  const events = new EventsPage(page)
  await events.goto('?since=1h')
  await events.expectConnection('live')
  const total = async () =>
    Number(
      (await page.getByTestId('chart-total').textContent())
        ?.match(/^[\d,]+/)?.[0]
        ?.replace(/,/g, ''),
    )
  const before = await total()
  const id = await deliver(request)
  await expect(events.row(id)).toBeVisible()
  // Well inside the chart's background refresh: the count comes with the row, not on a timer.
  await expect.poll(total, { timeout: 2000 }).toBe(before + 1)
  const bars = await page
    .getByTestId('chart-bar')
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left))
  const labels = await page
    .locator('[data-testid=chart-label]')
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left))
  expect(labels.length).toBeGreaterThan(2)
  for (const left of labels)
    expect(
      bars.some((bar) => Math.abs(bar - left) < 1.5),
      `a bar starts at the label's x=${left}`,
    ).toBe(true)
})

test('one time control sets both the chart and the list, and All counts what the list shows however old', async ({
  page,
  request,
}) => {
  // One delivery from two days ago: outside the last hour and day, inside the week and all time.
  const old = await deliver(request, 'avatar_video.success')
  const [stored] = (
    (await (await page.request.get(`/api/events?q=${old}`)).json()) as {
      events: Array<{ id: number }>
    }
  ).events
  await backdateDelivery(String(stored!.id), 50)
  const storedIn = async (since = '') =>
    (await (await page.request.get(`/api/events/export?format=ndjson${since}`)).text())
      .split('\n')
      .filter(Boolean).length
  const chartTotal = async () =>
    Number(
      (await page.getByTestId('chart-total').textContent())
        ?.match(/^[\d,]+/)?.[0]
        ?.replace(/,/g, ''),
    )
  const events = new EventsPage(page)
  await events.goto()
  await expect(
    page.getByRole('search', { name: 'Filter deliveries' }).getByLabel('Time range'),
  ).toHaveCount(0)
  const control = page.getByRole('navigation', { name: 'Chart range' })
  await expect(control.getByRole('link', { name: 'All' })).toHaveAttribute('aria-current', 'true')
  // All: the chart reaches back to the oldest delivery and counts every one the list holds.
  await expect(page.getByTestId('chart-total')).toContainText('in all time')
  await expect(page.getByTestId('chart-total')).not.toContainText('the list shows')
  await expect(events.row(old)).toBeVisible()
  expect(await chartTotal()).toBe(await storedIn())
  const oldest = page.locator('[data-testid=chart-bar]:not([data-total="0"])').first()
  const oldestTo = new URL((await oldest.getAttribute('href')) ?? '', page.url()).searchParams
  expect(Date.parse(oldestTo.get('to') ?? ''), 'a bar older than a day').toBeLessThan(
    Date.now() - 24 * 3_600_000,
  )
  await expect(page.getByText('No deliveries in this period.')).toHaveCount(0)
  // Over more than a day the labels name the day, and on a phone they never run into each other.
  await expect(page.getByTestId('chart-label').first()).toHaveText(/^\w{3} \d{1,2} \d\d:\d\d$/)
  const size = page.viewportSize()!
  await page.setViewportSize(reviewViewports.phone)
  const labels = await page.getByTestId('chart-label').evaluateAll((els) =>
    els
      .filter((el) => getComputedStyle(el).visibility !== 'hidden')
      .map((el) => {
        const text = document.createRange()
        text.selectNodeContents(el)
        const box = text.getBoundingClientRect()
        return { left: box.left, right: box.right }
      }),
  )
  expect(labels.length).toBeGreaterThan(1)
  for (let i = 1; i < labels.length; i++)
    expect(labels[i]!.left, `label ${i} clear of the one before`).toBeGreaterThan(
      labels[i - 1]!.right,
    )
  await page.setViewportSize(size)

  await control.getByRole('link', { name: '1h' }).click()
  await expect(page).toHaveURL(/since=1h/)
  await expect(page).toHaveURL(/range=hour/)
  await expect(control.getByRole('link', { name: '1h' })).toHaveAttribute('aria-current', 'true')
  await expect(page.getByTestId('chart-total')).toContainText('in the last hour')
  // The list narrowed with the chart: the old delivery left both.
  await expect(events.row(old)).toHaveCount(0)
  await expect(page.getByTestId('event-row').first()).toBeVisible()
  expect(await chartTotal()).toBe(await storedIn('&since=1h'))
  expect(await chartTotal()).toBe((await storedIn()) - 1)
  await control.getByRole('link', { name: '7d' }).click()
  await expect(page).toHaveURL(/since=7d&range=week/)
  await expect(page.getByTestId('chart-total')).toContainText('in the last 7 days')
  await expect(events.row(old)).toBeVisible()
  expect(await chartTotal()).toBe(await storedIn('&since=7d'))
  // A bar narrows the list to its interval, shown as a chip beside the filters.
  await page.locator('[data-testid=chart-bar]:not([data-total="0"])').last().click()
  await expect(page).toHaveURL(/from=.*&to=/)
  await expect(page.getByTestId('time-chip')).toBeVisible()
  await expect(events.row(old)).toHaveCount(0)
  await page.getByRole('button', { name: 'Remove the time interval' }).click()
  await expect(page).not.toHaveURL(/from=/)
})

test('split view: a row opens beside the list, j/k move, Esc closes, the address can be shared', async ({
  page,
}) => {
  await page.setViewportSize(reviewViewports.desktop)
  const events = new EventsPage(page)
  await events.goto('?type=avatar_video.success')
  const rows = page.getByTestId('event-row')
  const first = (await rows.nth(0).getAttribute('data-event-id')) ?? ''
  const second = (await rows.nth(1).getAttribute('data-event-id')) ?? ''
  await rows.nth(0).getByRole('link', { name: 'avatar_video.success' }).click()
  await expect(page).toHaveURL(new RegExp(`type=avatar_video.success.*selected=${first}`))
  const pane = page.getByTestId('delivery-pane')
  await expect(pane.getByRole('heading', { name: 'avatar_video.success' })).toBeVisible()
  await expect(page.getByTestId('json-tree')).toBeVisible()
  // Side by side: the list keeps its place on the left.
  const list = await events.scroller.boundingBox()
  const detail = await pane.boundingBox()
  expect((list?.x ?? 0) + (list?.width ?? 0)).toBeLessThanOrEqual((detail?.x ?? 0) + 1)
  await expect(rows.nth(0)).toHaveAttribute('aria-current', 'true')
  await reviewScreen(page, 'inspector-split-view', { desktop: reviewViewports.desktop })

  await page.keyboard.press('j')
  await expect(page).toHaveURL(new RegExp(`selected=${second}`))
  await expect(page.locator(`[data-testid=event-row][data-event-id="${second}"]`)).toHaveAttribute(
    'data-focused',
    'true',
  )
  await page.keyboard.press('k')
  await expect(page).toHaveURL(new RegExp(`selected=${first}`))
  await pane.getByRole('button', { name: 'Next delivery (j)' }).click()
  await expect(page).toHaveURL(new RegExp(`selected=${second}`))
  await page.keyboard.press('Escape')
  await expect(pane).toHaveCount(0)
  await expect(page).not.toHaveURL(/selected=/)

  // A shared address opens the same delivery.
  await page.goto(`/events?type=avatar_video.success&selected=${second}`)
  await expect(page.getByTestId('delivery-pane')).toBeVisible()
  await expect(page.locator(`[data-event-id="${second}"]`)).toHaveAttribute('aria-current', 'true')
})

test('the divider between list and pane resizes the pane by drag and by arrow keys, and keeps its width', async ({
  page,
}) => {
  await page.setViewportSize(reviewViewports.desktop)
  const events = new EventsPage(page)
  await events.goto()
  await page.getByTestId('event-row').first().getByRole('link').first().click()
  const pane = page.getByTestId('delivery-pane')
  const handle = page.getByTestId('pane-resizer')
  await expect(pane).toBeVisible()
  const paneWidth = async () => Math.round((await pane.boundingBox())?.width ?? 0)
  const start = await paneWidth()
  // Dragged 120 px to the left: the pane grows by as much, the list gives way.
  const box = (await handle.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + 40)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2 - 60, box.y + 40, { steps: 4 })
  await page.mouse.move(box.x + box.width / 2 - 120, box.y + 40, { steps: 4 })
  await page.mouse.up()
  await expect.poll(paneWidth).toBe(start + 120)
  await expect(handle).toHaveAttribute('aria-valuenow', String(start + 120))
  // → narrows the pane a step, ← widens it again.
  await handle.focus()
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect.poll(paneWidth).toBe(start + 120 - 64)
  await page.keyboard.press('ArrowLeft')
  await expect.poll(paneWidth).toBe(start + 120 - 32)
  // Kept by the browser: the pane opens at that width after a reload.
  await page.reload()
  await expect(pane).toBeVisible()
  await expect.poll(paneWidth).toBe(start + 120 - 32)
  await expect(handle).toHaveAttribute('aria-valuenow', String(start + 120 - 32))
})

test('keyboard: / focuses search, ? lists the shortcuts, j then Enter opens without the mouse', async ({
  page,
}) => {
  const events = new EventsPage(page)
  await events.goto()
  await page.keyboard.press('/')
  await expect(events.search).toBeFocused()
  await page.keyboard.press('Escape')
  await events.search.blur()
  await page.keyboard.press('?')
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(help).toContainText('Next delivery')
  await reviewScreen(page, 'inspector-shortcuts', reviewViewports)
  await page.keyboard.press('Escape')
  await expect(help).toHaveCount(0)
  await page.keyboard.press('j')
  const firstRow = page.getByTestId('event-row').first()
  await expect(firstRow).toHaveAttribute('data-focused', 'true')
  // Clearly drawn: a ring, not a thin bottom line.
  expect(await firstRow.evaluate((el) => getComputedStyle(el).boxShadow)).not.toBe('none')
  // The arrows move as j and k do.
  const secondRow = page.getByTestId('event-row').nth(1)
  await page.keyboard.press('ArrowDown')
  await expect(secondRow).toHaveAttribute('data-focused', 'true')
  await expect(firstRow).not.toHaveAttribute('data-focused', 'true')
  await page.keyboard.press('ArrowUp')
  await expect(firstRow).toHaveAttribute('data-focused', 'true')
  await expect(secondRow).not.toHaveAttribute('data-focused', 'true')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(
    new RegExp(`selected=${await firstRow.getAttribute('data-event-id')}`),
  )
})

test('from the skip link the first row is a few Tabs away; the chart is one Tab stop walked with the arrows', async ({
  page,
}) => {
  await page.setViewportSize(reviewViewports.desktop)
  const events = new EventsPage(page)
  await events.goto()
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement
      return {
        inRow: !!el?.closest('[data-testid="event-row"]'),
        bar: el?.getAttribute('data-testid') === 'chart-bar',
        name: el?.getAttribute('aria-label') ?? el?.textContent?.trim().slice(0, 40) ?? '',
      }
    })
  /** Tab presses until focus is in a row; answers how many, and what was passed on the way. */
  const tabsToFirstRow = async () => {
    const passed: Awaited<ReturnType<typeof focused>>[] = []
    for (let presses = 1; presses <= 80; presses++) {
      await page.keyboard.press('Tab')
      const now = await focused()
      if (now.inRow) return { presses, passed }
      passed.push(now)
    }
    throw new Error(`no row after 80 Tabs: ${JSON.stringify(passed.map((p) => p.name))}`)
  }
  const skipToContent = async () => {
    await page.keyboard.press('Tab')
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused()
    await page.keyboard.press('Enter')
  }

  // Through the page's own skip link: three Tabs.
  await skipToContent()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('link', { name: 'Skip to the deliveries' })).toBeFocused()
  await page.keyboard.press('Enter')
  const skipped = await tabsToFirstRow()
  expect(skipped.presses, JSON.stringify(skipped.passed)).toBeLessThanOrEqual(2)

  // Tabbing past everything instead: the chart's bars are one stop, not thirty.
  await events.goto()
  await skipToContent()
  const walked = await tabsToFirstRow()
  const names = JSON.stringify(walked.passed.map((p) => p.name))
  expect(
    walked.passed.filter((p) => p.bar),
    names,
  ).toHaveLength(1)
  expect(walked.presses, names).toBeLessThanOrEqual(MAX_TABS_TO_FIRST_ROW)

  // The bars stay reachable: Tab lands on the latest one with deliveries, the arrows walk them
  // (one stop at a time), Enter narrows the list to the focused one.
  const bars = page.getByTestId('chart-bar')
  await expect(page.locator('[data-testid=chart-bar][tabindex="0"]')).toHaveCount(1)
  const tabStop = page.locator('[data-testid=chart-bar][tabindex="0"]')
  await tabStop.focus()
  await expect(tabStop).toHaveAttribute('data-total', /^[1-9]/)
  await page.keyboard.press('End')
  await expect(bars.last()).toBeFocused()
  await page.keyboard.press('Home')
  await expect(bars.first()).toBeFocused()
  await page.keyboard.press('ArrowRight')
  await expect(bars.nth(1)).toBeFocused()
  await expect(page.locator('[data-testid=chart-bar][tabindex="0"]')).toHaveCount(1)
  await page.keyboard.press('End')
  await page.keyboard.press('ArrowLeft')
  const count = await bars.count()
  const target = bars.nth(count - 2)
  await expect(target).toBeFocused()
  const href = (await target.getAttribute('href')) ?? ''
  await page.keyboard.press('Enter')
  await expect.poll(() => new URL(page.url()).search).toBe(new URL(href, page.url()).search)
  await expect(page.getByTestId('time-chip')).toBeVisible()
})

test('on a phone the delivery opens full screen and Back returns to the same place in the list', async ({
  page,
}) => {
  await page.setViewportSize(reviewViewports.phone)
  const events = new EventsPage(page)
  await events.goto()
  await events.scroller.evaluate((el) => el.scrollTo({ top: 500 }))
  const top = await events.scroller.evaluate((el) => el.scrollTop)
  const row = page.getByTestId('event-row').nth(8)
  await row.getByRole('link').first().click()
  const pane = page.getByTestId('delivery-pane')
  const box = await pane.boundingBox()
  expect(box?.width).toBe(375)
  await reviewScreen(page, 'inspector-phone-detail', { phone: reviewViewports.phone })
  await pane.getByRole('button', { name: 'Back to the list' }).click()
  await expect(pane).toHaveCount(0)
  expect(await events.scroller.evaluate((el) => el.scrollTop)).toBe(top)
  // The browser's own Back closes it too.
  await row.getByRole('link').first().click()
  await expect(pane).toBeVisible()
  await page.goBack()
  await expect(pane).toHaveCount(0)
  expect(await events.scroller.evaluate((el) => el.scrollTop)).toBe(top)
})

test('more filters: endpoint, response, rejected only, body not JSON and a payload field, all in the URL', async ({
  page,
  request,
}) => {
  const text = await request.post('/api/webhooks/konpro', {
    data: 'not json at all',
    headers: { 'content-type': 'text/plain' },
  })
  expect(text.status()).toBeLessThan(500)
  const id = await deliver(request, 'avatar_video.fail')
  // One signed with the registered receiver's secret: verified, so it names that endpoint.
  await page.goto('/konpro/endpoints')
  const receiver = page.getByTestId('endpoint-row').filter({ hasText: '/api/webhooks/konpro' })
  const endpointId = decodeURIComponent(
    ((await receiver.getByRole('link').first().getAttribute('href')) ?? '').split('/').pop() ?? '',
  )
  await receiver.getByRole('button', { name: 'Reveal secret' }).click()
  await expect(receiver.getByTestId('secret-value')).toHaveText(/^whsec_[A-Za-z0-9_-]{20,}$/)
  const secret = (await receiver.getByTestId('secret-value').textContent()) ?? ''
  const signed = async () => {
    const { videoId, body } = konproPayload('avatar_video.success')
    const raw = JSON.stringify(body)
    const res = await request.post(RECEIVER, {
      data: raw,
      headers: {
        'content-type': 'application/json',
        signature: createHmac('sha256', secret).update(raw).digest('hex'),
      },
    })
    return { videoId, status: res.status() }
  }
  const verified = await signed()
  expect(verified.status).toBe(200)

  const events = new EventsPage(page)
  await events.goto()
  const bar = page.getByRole('search', { name: 'Filter deliveries' })
  await bar.getByRole('button', { name: 'More filters' }).click()
  // The endpoint: only what that endpoint's secret verified.
  await bar.getByLabel('Endpoint').selectOption(endpointId)
  await expect(page).toHaveURL(new RegExp(`endpoint=${encodeURIComponent(endpointId)}`))
  await expect(events.row(verified.videoId)).toBeVisible()
  await expect(events.row(id)).toHaveCount(0)
  const byEndpoint = (await (
    await page.request.get(`/api/events?endpoint=${encodeURIComponent(endpointId)}&limit=500`)
  ).json()) as { events: Array<{ endpointId: string | null }> }
  expect(new Set(byEndpoint.events.map((e) => e.endpointId))).toEqual(new Set([endpointId]))
  expect(await page.getByTestId('event-row').count()).toBe(byEndpoint.events.length)
  await bar.getByLabel('Endpoint').selectOption('')
  await expect(page).not.toHaveURL(/endpoint=/)

  await bar.getByLabel('Response').selectOption('401')
  await expect(page).toHaveURL(/status=401/)
  const answered = (await (await page.request.get('/api/events?status=401&limit=500')).json()) as {
    events: Array<{ responseStatus: number }>
  }
  expect(answered.events.length).toBeGreaterThan(0)
  expect(new Set(answered.events.map((e) => e.responseStatus))).toEqual(new Set([401]))
  await expect(page.getByTestId('event-row').first()).toBeVisible()
  await expect(events.row(verified.videoId)).toHaveCount(0)

  // A body over the receiver's limit is answered 413 before anything is stored, so the 413 filter
  // finds only deliveries a test answer rule answered 413.
  const tooLarge = await request.post(RECEIVER, {
    data: JSON.stringify({ event_type: 'avatar_video.success', pad: 'x'.repeat(1024 * 1024) }),
    headers: { 'content-type': 'application/json' },
  })
  expect(tooLarge.status()).toBe(413)
  await setAnswerRule(page, '413')
  const answered413 = await signed()
  expect(answered413.status).toBe(413)
  await clearAnswerRule(page)
  await events.goto('?status=413')
  await expect(
    page.getByRole('search', { name: 'Filter deliveries' }).getByLabel('Response'),
  ).toHaveValue('413')
  await expect(events.row(answered413.videoId)).toBeVisible()
  await expect(page.getByTestId('event-row')).toHaveCount(1)
  await expect(events.row(verified.videoId)).toHaveCount(0)
  await bar.getByLabel('Response').selectOption('')
  await expect(page).not.toHaveURL(/status=/)
  if (!(await bar.getByLabel('Body not JSON').isVisible()))
    await bar.getByRole('button', { name: 'More filters' }).click()
  await bar.getByLabel('Body not JSON').click()
  await expect(page).toHaveURL(/notJson=1/)
  await expect(page.getByTestId('event-row').first()).toBeVisible()
  await expect(events.row(id)).toHaveCount(0)
  await bar.getByLabel('Body not JSON').click()
  await expect(page).not.toHaveURL(/notJson=/)
  await bar.getByLabel('Rejected only').click()
  await expect(page).toHaveURL(/rejected=1/)
  await expect(events.row(id)).toBeVisible()
  await bar.getByLabel('Rejected only').click()
  await expect(page).not.toHaveURL(/rejected=/)
  const field = bar.getByLabel('Field filter')
  await field.fill('not a filter')
  await field.press('Enter')
  await expect(bar.getByText('Write it as path.to.key=value')).toBeVisible()
  await field.fill(`event_data.video_id=${id}`)
  await field.press('Enter')
  await expect(page).toHaveURL(/field=event_data.video_id/)
  await expect(page.getByTestId('event-row')).toHaveCount(1)
  await expect(events.row(id)).toBeVisible()
  await reviewScreen(page, 'inspector-more-filters', reviewViewports)
  // Several types at once travel in one parameter.
  await events.goto('?type=avatar_video.fail,personalized_video')
  for (const row of await page.getByTestId('event-row').all())
    await expect(row).toContainText(/avatar_video\.fail|personalized_video/)
})

test('"All events" and Back return to the same filters and place in the list', async ({
  page,
  request,
}) => {
  const tag = `place_${Date.now().toString(36)}`
  await deliverMany(request, 90, 'avatar_video.success', { tag })
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto(`/events?q=${tag}&type=avatar_video.success`)
  const scroller = page.getByTestId('event-scroller')
  await expect(page.getByTestId('event-row').first()).toBeVisible()
  // Well past the first page of 50, so the way back must load older pages too. The older page is a
  // search over the whole log, which a busy machine can take seconds to answer.
  await expect
    .poll(
      async () => {
        await scroller.evaluate((el) => el.scrollBy(0, 1200))
        return scroller.evaluate((el) => el.scrollTop)
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(3600)
  // The first row wholly in view: the one to come back to.
  const id = await scroller.evaluate((el) => {
    const top = el.getBoundingClientRect().top
    const rows = [...el.querySelectorAll<HTMLElement>('[data-testid="event-row"]')]
    return rows.find((r) => r.getBoundingClientRect().top >= top)?.dataset.eventId ?? ''
  })
  const row = page.locator(`[data-event-id="${id}"]`)
  await row.getByRole('link').first().click()
  await page.getByRole('link', { name: 'Open the full page' }).click()
  await expect(page).toHaveURL(new RegExp(`/events/${id}$`))

  const backAtPlace = async () => {
    await expect(page).toHaveURL(new RegExp(`/events\\?q=${tag}&type=avatar_video.success$`))
    await expect(row).toBeInViewport()
    expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(3000)
  }
  await page.getByRole('link', { name: 'All events' }).click()
  await backAtPlace()

  await row.getByRole('link').first().click()
  await page.getByRole('link', { name: 'Open the full page' }).click()
  await expect(page).toHaveURL(new RegExp(`/events/${id}$`))
  await page.goBack()
  await page.goBack()
  await backAtPlace()
})

test('the full page of a delivery steps to the previous and next one within the log’s filter', async ({
  page,
  request,
}) => {
  const tag = `steps_${Date.now().toString(36)}`
  await deliverMany(request, 3, 'avatar_video.fail', { tag })
  // Another delivery in between that the filter leaves out.
  await deliver(request, 'avatar_video.success', { tag })
  await page.goto(`/events?q=${tag}&type=avatar_video.fail`)
  await expect(page.getByTestId('event-row')).toHaveCount(3)
  const ids = await page
    .getByTestId('event-row')
    .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.eventId ?? ''))
  expect(ids).toHaveLength(3)
  const [newest, middle, oldest] = ids
  await page.goto(`/events/${middle}`)
  const steps = page.getByTestId('detail-neighbours')
  await steps.getByRole('link', { name: `Previous delivery (#${newest})` }).click()
  await expect(page).toHaveURL(new RegExp(`/events/${newest}$`))
  await expect(steps.getByRole('button', { name: 'Previous' })).toBeDisabled()
  await steps.getByRole('link', { name: `Next delivery (#${middle})` }).click()
  await steps.getByRole('link', { name: `Next delivery (#${oldest})` }).click()
  await expect(page).toHaveURL(new RegExp(`/events/${oldest}$`))
  await expect(steps.getByRole('button', { name: 'Next' })).toBeDisabled()
})
