import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { deliver, deliverMany } from './support/deliveries'
import { captureEveryLook } from './support/screenshots'
import { reviewScreen } from './support/review'
import { startTcpProxy } from '../lib/test/tcp-proxy'
import { EventsPage } from './pages/events-page'

// One fresh database per run (playwright.config.ts); these tests build on each other's rows.
test.describe.configure({ mode: 'serial' })

test('an empty log tells a newcomer how to get the first delivery', async ({ page }) => {
  const events = new EventsPage(page)
  await events.goto()
  await expect(page.getByRole('heading', { name: 'No deliveries yet' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Go to Endpoints' })).toHaveAttribute(
    'href',
    '/konpro/endpoints',
  )
  await reviewScreen(page, 'events-empty')
})

test('deliveries POSTed to the receiver appear live, newest first', async ({ page, request }) => {
  const events = new EventsPage(page)
  await events.goto()
  await events.expectConnection('live')
  const first = await deliver(request, 'avatar_video.success')
  await expect(events.row(first)).toBeVisible()
  const second = await deliver(request, 'avatar_video.fail')
  await expect(events.row(second)).toBeVisible()
  await expect(page.getByTestId('event-row').first()).toContainText(second)
  await expect(events.row(second)).toContainText('avatar_video.fail')
})

test('after the stream drops, missed deliveries are replayed on reconnect', async ({
  page,
  request,
  baseURL,
}) => {
  const target = new URL(baseURL ?? '')
  const proxy = await startTcpProxy([{ host: target.hostname, port: Number(target.port) }])
  try {
    const resumes: Promise<string | undefined>[] = []
    page.on('request', (r) => {
      if (r.url().endsWith('/api/events/stream'))
        resumes.push(r.allHeaders().then((h) => h['last-event-id']))
    })
    const events = new EventsPage(page)
    await page.goto(`${proxy.url}/events`)
    await events.hydrated()
    await events.expectConnection('live')
    const before = await deliver(request)
    await expect(events.row(before)).toBeVisible()
    const lastSeen = await events.row(before).getAttribute('data-event-id')
    // The network goes away under the open stream; deliveries keep arriving meanwhile.
    proxy.down()
    await events.expectConnection('reconnecting')
    const missed = [
      await deliver(request, 'video_translate.success'),
      await deliver(request, 'video_translate.fail'),
    ]
    await expect(events.row(missed[0] ?? '')).toHaveCount(0)
    proxy.up()
    for (const id of missed) await expect(events.row(id)).toBeVisible({ timeout: 20_000 })
    await events.expectConnection('live')
    await expect(events.row(missed[1] ?? '')).toHaveCount(1)
    // The browser resumed the stream from the last delivery it had seen.
    expect(await Promise.all(resumes)).toContain(lastSeen)
  } finally {
    await proxy.close()
  }
})

test('without a stream the log falls back to polling', async ({ page, request }) => {
  await page.route('**/api/events/stream', (route) => route.abort())
  const events = new EventsPage(page)
  await events.goto()
  await events.expectConnection('polling')
  const id = await deliver(request)
  await expect(events.row(id)).toBeVisible({ timeout: 10_000 })
})

test('arrivals wait in an "N new" pill while scrolled down or paused', async ({
  page,
  request,
}) => {
  await deliverMany(request, 25, (i) => (i % 2 ? 'avatar_video.success' : 'personalized_video'))
  const events = new EventsPage(page)
  await events.goto()
  await events.expectConnection('live')
  await events.scroller.evaluate((el) => el.scrollTo({ top: 600 }))
  const top = await page.getByTestId('event-row').first().getAttribute('data-event-id')
  const arrived = await deliver(request)
  const pill = page.getByRole('button', { name: /1 new delivery/ })
  await expect(pill).toBeVisible()
  await captureEveryLook(page, 'events-new-pill')
  expect(await page.getByTestId('event-row').first().getAttribute('data-event-id')).toBe(top)
  await pill.click()
  await expect(events.row(arrived)).toBeInViewport()

  await page.getByRole('button', { name: 'Pause' }).click()
  await expect(page.getByRole('button', { name: 'Resume' })).toHaveAttribute('aria-pressed', 'true')
  const held = await deliver(request)
  await expect(page.getByRole('button', { name: /1 new delivery/ })).toBeVisible()
  await expect(events.row(held)).toHaveCount(0)
  await page.getByRole('button', { name: 'Resume' }).click()
  await expect(events.row(held)).toBeVisible()
})

test('filters live in the URL and narrow the list, live rows included', async ({
  page,
  request,
}) => {
  // Many steps, typed with delays, and four full-page screenshots: more than the default minute on a busy machine.
  test.slow()
  const events = new EventsPage(page)
  await events.goto()
  await events.pick('Event type', ['personalized_video'])
  await expect(page).toHaveURL(/type=personalized_video/)
  await expect(page.getByTestId('event-row').first()).toBeVisible()
  for (const row of await page.getByTestId('event-row').all())
    await expect(row).toContainText('personalized_video')
  const other = await deliver(request, 'avatar_video.success')
  const match = await deliver(request, 'personalized_video')
  await expect(events.row(match)).toBeVisible()
  await expect(events.row(other)).toHaveCount(0)

  await events.search.click()
  await events.search.pressSequentially(match.slice(0, 6), { delay: 30 })
  await expect(page).toHaveURL(new RegExp(`q=${match.slice(0, 6)}`))
  // The URL follows the typing without stealing focus or dropping keystrokes.
  await events.search.pressSequentially(match.slice(6), { delay: 30 })
  await expect(events.search).toBeFocused()
  await expect(page).toHaveURL(new RegExp(`q=${match}$`))
  await expect(events.search).toHaveValue(match)
  await expect(page.getByTestId('event-row')).toHaveCount(1)
  await page.reload()
  await expect(events.search).toHaveValue(match)
  await expect(page.getByTestId('event-row')).toHaveCount(1)

  await events.search.fill('no-such-delivery-anywhere')
  await expect(
    page.getByRole('heading', { name: 'No deliveries match these filters' }),
  ).toBeVisible()
  await reviewScreen(page, 'events-no-match')
  await page.getByRole('link', { name: 'Clear filters' }).click()
  await expect(page).toHaveURL(/\/events$/)
  await expect(events.row(other)).toBeVisible()
})

test('the chart counts deliveries by verdict and a bar filters to its interval', async ({
  page,
}) => {
  const events = new EventsPage(page)
  await events.goto('?range=hour')
  const total = Number(
    (await page.getByTestId('chart-total').textContent())?.match(/^[\d,]+/)?.[0]?.replace(/,/g, ''),
  )
  expect(total).toBeGreaterThan(30)
  await page
    .getByRole('navigation', { name: 'Chart range' })
    .getByRole('link', { name: '7d' })
    .click()
  await expect(page).toHaveURL(/range=week/)
  const bar = page.locator('[data-testid=chart-bar]:not([aria-label*=": 0 deliveries"])').last()
  await expect(bar).toHaveAttribute('aria-label', /\d+ deliveries/)
  await bar.click()
  await expect(page).toHaveURL(/from=.*&to=/)
  await expect(page.getByTestId('event-row').first()).toBeVisible()
  await expect(bar).toHaveAttribute('aria-current', 'true')
  await reviewScreen(page, 'events-list')
})

test('a delivery opens as a detail page with tree, headers, links and copy', async ({
  page,
  request,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const id = await deliver(request, 'avatar_video.success', {
    note: '<img src=x onerror=alert(1)>',
  })
  const events = new EventsPage(page)
  await events.goto()
  await expect(events.row(id).getByRole('link', { name: /in a new tab/ })).toHaveAttribute(
    'target',
    '_blank',
  )
  // A click opens it beside the list; the pane links to the permalink page.
  await events.row(id).getByRole('link', { name: 'avatar_video.success' }).click()
  await expect(page).toHaveURL(/[?&]selected=\d+/)
  await page.getByTestId('delivery-pane').getByRole('link', { name: 'Open the full page' }).click()
  await expect(page).toHaveURL(/\/events\/\d+$/)
  await expect(page.getByRole('heading', { level: 1, name: 'avatar_video.success' })).toBeVisible()
  const tree = page.getByTestId('json-tree')
  await expect(tree).toContainText(`"video_id": "${id}"`)
  await expect(tree).toContainText('"<img src=x onerror=alert(1)>"')
  await expect(page.locator('img')).toHaveCount(0)
  await tree.getByText('"event_data":').click()
  await expect(tree.getByText(`"${id}"`)).toBeHidden()
  await expect(page.getByRole('heading', { name: 'Headers' })).toBeVisible()
  await expect(page.getByText('content-type', { exact: true })).toBeVisible()
  const share = page.getByRole('link', { name: /Share page/ })
  await expect(share).toHaveAttribute('rel', 'noopener noreferrer')
  await expect(share).toHaveAttribute('target', '_blank')
  await page.getByRole('button', { name: 'Copy JSON' }).click()
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as {
    event_data: { video_id: string }
  }
  expect(copied.event_data.video_id).toBe(id)
  await page.getByRole('button', { name: 'Copy as cURL' }).click()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
    /^curl -X POST 'http:\/\/127\.0\.0\.1:\d+\/api\/webhooks\/konpro'/,
  )
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Download raw body' }).click()
  const body = JSON.parse(await readFile((await (await download).path()) ?? '', 'utf8')) as {
    event_data: { video_id: string }
  }
  expect(body.event_data.video_id).toBe(id)
  await reviewScreen(page, 'event-detail')
})

test('a body that is not JSON renders as text', async ({ page, request }) => {
  const res = await request.post('/api/webhooks/konpro', {
    data: 'plain <b>text</b>, not json',
    headers: { 'content-type': 'text/plain' },
  })
  expect(res.status()).toBeLessThan(500)
  expect(res.status()).not.toBe(404)
  const events = new EventsPage(page)
  await events.goto()
  const row = page.getByTestId('event-row').first()
  // The list says so beside the verdict instead of a bare signature verdict.
  await expect(row.locator('[data-verdict]')).toContainText('· not JSON')
  await page.goto(`/events/${await row.getAttribute('data-event-id')}`)
  await expect(page.getByTestId('raw-body')).toHaveText('plain <b>text</b>, not json')
  await expect(page.getByText('The body is text but not valid JSON.')).toBeVisible()
  await captureEveryLook(page, 'event-detail-text')
})

test('an unknown delivery id shows the not-found page', async ({ page }) => {
  // The console's loading.tsx starts streaming before the lookup fails, so Next answers 200 and
  // marks the page noindex instead of sending a 404 status.
  await page.goto('/events/987654321')
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  await expect(page.locator('meta[name="robots"]').first()).toHaveAttribute('content', /noindex/)
  await page.goto('/events/not-a-number')
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
})

test('exports download the filtered view as NDJSON and CSV', async ({ page }) => {
  const events = new EventsPage(page)
  await events.goto('?type=personalized_video')
  const count = (await (
    await page.request.get('/api/events?type=personalized_video&limit=500')
  ).json()) as { events: unknown[] }
  const ndjson = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Export NDJSON' }).click()
  const file = await ndjson
  expect(file.suggestedFilename()).toMatch(/^konpro-events-.*\.ndjson$/)
  const lines = (await readFile((await file.path()) ?? '', 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { eventType: string })
  expect(lines).toHaveLength(count.events.length)
  expect(new Set(lines.map((l) => l.eventType))).toEqual(new Set(['personalized_video']))
  const csv = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Export CSV' }).click()
  const text = await readFile((await (await csv).path()) ?? '', 'utf8')
  expect(text.split('\r\n')[0]).toMatch(/^id,receivedAt,provider/)
  expect(text.trim().split('\r\n')).toHaveLength(count.events.length + 1)
})

test('Clear log with a filter on removes only what the filter shows, unless the person picks everything', async ({
  page,
  request,
}) => {
  const marker = `clear-${Date.now()}`
  for (const type of ['avatar_video.fail', 'avatar_video.fail', 'avatar_video_gif.success'])
    await request.post('/api/webhooks/konpro', {
      data: JSON.stringify({ event_type: type, event_data: { video_id: marker } }),
      headers: { 'content-type': 'application/json' },
    })
  const events = new EventsPage(page)
  await events.goto(`?q=${marker}&type=avatar_video.fail`)
  // The export has no page limit: it counts everything a filter shows.
  const countOf = async (query: string) =>
    (await (await request.get(`/api/events/export?format=ndjson${query}`)).text())
      .split('\n')
      .filter(Boolean).length
  const total = await countOf('')
  await page.getByRole('button', { name: 'Clear log' }).click()
  const dialog = page.getByRole('dialog', { name: 'Clear the event log?' })
  await expect(dialog.getByLabel('Only what this filter shows (2 deliveries)')).toBeChecked()
  await expect(dialog.getByLabel(`Everything stored (${total} deliveries)`)).not.toBeChecked()
  await expect(dialog.getByTestId('clear-count')).toContainText(
    'the 2 deliveries this filter shows',
  )
  await captureEveryLook(page, 'events-clear-filtered-dialog')
  await dialog.getByRole('button', { name: 'Remove 2 deliveries' }).click()
  await expect(page.getByText('Removed 2 deliveries.')).toBeVisible()
  expect(await countOf(`&q=${marker}`)).toBe(1)
  expect(await countOf('')).toBe(total - 2)
})

test('Clear log names how many deliveries go, then empties the log', async ({ page }) => {
  const events = new EventsPage(page)
  await events.goto()
  const total = (await (await page.request.get('/api/events/export?format=ndjson')).text())
    .trim()
    .split('\n').length
  await page.getByRole('button', { name: 'Clear log' }).click()
  const dialog = page.getByRole('dialog', { name: 'Clear the event log?' })
  await expect(dialog.getByTestId('clear-count')).toContainText(`${total} deliveries`)
  await captureEveryLook(page, 'events-clear-dialog')
  await dialog.getByRole('button', { name: `Remove ${total} deliveries` }).click()
  await expect(page.getByRole('heading', { name: 'No deliveries yet' })).toBeVisible()
  await expect(page.getByTestId('chart-total')).toContainText(/^0 in/)
})

test('huge payloads and many headers wrap or scroll without widening a phone screen', async ({
  page,
  request,
}) => {
  const headers = Object.fromEntries(
    Array.from({ length: 200 }, (_, i) => [`x-extra-${i}`, `value-${i}-${'z'.repeat(i % 40)}`]),
  )
  const big = {
    event_type: 'avatar_video.success',
    event_data: {
      video_id: 'huge_one',
      url: `https://files.example.com/${'a'.repeat(3000)}`,
      items: Array.from({ length: 1000 }, (_, i) => ({ i })),
    },
  }
  const res = await request.post('/api/webhooks/konpro', {
    data: JSON.stringify(big),
    headers: { 'content-type': 'application/json', ...headers },
  })
  // Unsigned, so the default policy answers 401; the delivery is stored all the same.
  expect([200, 401], 'the receiver stored it').toContain(res.status())
  await page.setViewportSize({ width: 375, height: 812 })
  const events = new EventsPage(page)
  await events.goto()
  await page.goto(
    `/events/${await page.getByTestId('event-row').filter({ hasText: 'huge_one' }).getAttribute('data-event-id')}`,
  )
  await page.getByTestId('json-tree').getByText('"items":').click()
  await expect(page.getByTestId('json-tree')).toContainText('800 more not shown')
  await expect(page.getByText('x-extra-199', { exact: true })).toBeAttached()
  for (const path of [page.url(), '/events']) {
    await page.goto(path)
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    expect(overflow, `sideways scroll on ${path}`).toBeLessThanOrEqual(0)
  }
})
