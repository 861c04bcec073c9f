import { createHmac } from 'node:crypto'
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test'
import { expectAccessible } from './support/axe'
import { RECEIVER } from './support/deliveries'
import { captureEveryLook, reviewViewports } from './support/screenshots'
import { reviewScreen } from './support/review'
import { EventsPage } from './pages/events-page'

/*
 * The delivery detail page against hostile payloads: the JSON tree is bounded in the page and
 * loads what lies past its bounds when asked, a folded node reads as folded, the page stays
 * small for a 1 MiB body, and only what the sender sent shows as headers.
 */
test.describe.configure({ mode: 'serial' })

const MIB = 1024 * 1024
// Longer than the raw view's preview and than what the copy buttons carry (page.tsx): only the tree could show what follows.
const PADDING = 'p'.repeat(110_000)

/** POSTs a body to the receiver as a sender would and answers the stored delivery's id. */
async function store(
  request: APIRequestContext,
  body: string,
  headers: Record<string, string> = {},
) {
  const res = await request.post(RECEIVER, {
    data: body,
    headers: { 'content-type': 'application/json', ...headers },
  })
  expect(res.status(), await res.text()).toBeLessThan(500)
  const { id } = (await res.json()) as { id: string }
  expect(id).toMatch(/^\d+$/)
  return id
}

async function openDetail(page: Page, id: string) {
  await page.goto(`/events/${id}`)
  await expect(page.getByRole('heading', { name: 'Payload' })).toBeVisible()
  return page.getByTestId('json-tree')
}

/** The summary row of the tree node whose key is `key`. */
const node = (tree: Locator, key: string) =>
  tree
    .locator('summary')
    .filter({ has: tree.page().getByText(`"${key}":`, { exact: true }) })
    .first()
const arrowTurn = (summary: Locator) =>
  summary.getByTestId('tree-arrow').evaluate((el) => getComputedStyle(el).rotate)

// The later specs on this server start from an empty log: leave no delivery behind.
test.afterAll(async ({ browser }) => {
  const page = await browser.newPage()
  await new EventsPage(page).clearLog()
  await page.close()
})

test('a folded node shows a closed arrow, its count and its closing bracket', async ({
  page,
  request,
}) => {
  const id = await store(
    request,
    JSON.stringify({
      event_type: 'avatar_video.success',
      event_data: {
        video_id: 'fold_1',
        meta: { a: 1, b: 2, c: 3 },
        url: 'https://files.example.com/v.mp4',
      },
    }),
  )
  const tree = await openDetail(page, id)
  // Two levels start open; "meta" (the third) starts folded inside its open parents.
  const meta = node(tree, 'meta')
  await expect(meta).toContainText('"meta": { 3 keys }')
  await expect(meta.getByText('3 keys }')).toBeVisible()
  expect(await arrowTurn(meta)).toBe('none')
  await meta.click()
  await expect(meta.getByText('3 keys }')).toBeHidden()
  expect(await arrowTurn(meta)).toBe('90deg')
  await expect(tree.getByText('"a":')).toBeVisible()

  // Folding an open node shows its count and bracket on the summary line.
  const data = node(tree, 'event_data')
  await data.click()
  await expect(data.getByText('3 keys }')).toBeVisible()
  expect(await arrowTurn(data)).toBe('none')
  await expect(tree.getByText('"video_id":')).toBeHidden()
  await data.click()
  await reviewScreen(page, 'event-detail-normal', reviewViewports)
})

test('a deep payload renders its top and opens the rest level by level, on demand', async ({
  page,
  request,
}) => {
  let deep: unknown = { bottom: 'found-at-the-bottom' }
  for (let i = 59; i >= 0; i--) deep = { [`level_${i}`]: deep }
  const id = await store(
    request,
    JSON.stringify({ event_type: 'avatar_video.success', padding: PADDING, deep }),
  )
  // Past the tree's bounds nothing is in the page, as HTML or as RSC payload.
  const html = await (await page.request.get(`/events/${id}`)).text()
  expect(html.includes('level_20')).toBe(true)
  expect(html.includes('level_40')).toBe(false)
  expect(html.includes('found-at-the-bottom')).toBe(false)

  const tree = await openDetail(page, id)
  await expect(tree).toContainText('rest loads as you open it')
  // Open the first folded node, again and again: the page's own levels, then the ones loaded on demand.
  let loaded = 0
  const bottom = tree.getByText('"found-at-the-bottom"')
  for (let opened = 0; ; opened++) {
    expect(opened, 'nodes opened').toBeLessThan(60)
    const folded = tree.locator('details:not([open])').first()
    // Either a node to open next or the bottom, once what was asked for has loaded.
    await expect(folded.or(bottom).first()).toBeAttached()
    if ((await bottom.count()) > 0) break
    await expect(folded.locator('summary').first()).toContainText('1 key }')
    if ((await folded.getAttribute('data-lazy')) !== null) loaded++
    await folded.locator('summary').first().click()
  }
  expect(loaded, 'nodes loaded on demand').toBeGreaterThan(5)
  await expect(tree.getByText('"level_59":')).toBeVisible()
  await expectAccessible(page)
})

test('a wide container and a long string load more in bounded chunks', async ({
  page,
  request,
}) => {
  const items = Array.from({ length: 1000 }, (_, i) => `item-${i}`)
  const long = `${'ab'.repeat(30_000)}THE-END`
  const id = await store(
    request,
    JSON.stringify({ event_type: 'avatar_video.success', padding: PADDING, items, long }),
  )
  const html = await (await page.request.get(`/events/${id}`)).text()
  expect(html.includes('item-199')).toBe(true)
  expect(html.includes('item-200')).toBe(false)
  expect(html.includes('THE-END')).toBe(false)

  const tree = await openDetail(page, id)
  await expect(tree.getByText('"item-199"')).toBeVisible()
  await expect(tree.getByText('"item-200"')).toHaveCount(0)
  await tree.getByRole('button', { name: 'Show the next 200 (800 more not shown)' }).click()
  await expect(tree.getByText('"item-399"')).toBeVisible()
  await expect(tree.getByText('"item-400"')).toHaveCount(0)
  await tree.getByRole('button', { name: 'Show the next 200 (600 more not shown)' }).click()
  await expect(tree.getByText('"item-599"')).toBeVisible()

  // The long string's button (the padding has one of its own).
  const more = tree.getByRole('button', { name: /show more \([1-5]9,007 more characters\)/ })
  await expect(more).toHaveText('… show more (59,007 more characters)')
  await more.click()
  await expect(more).toHaveText('… show more (39,007 more characters)')
  await more.click()
  await more.click()
  await expect(more).toHaveCount(0)
  await expect(tree).toContainText('abTHE-END"')
})

test('a hostile 1 MiB body gives a page of bounded size', async ({ page, request }) => {
  const fill = (unit: string) =>
    `[${Array.from({ length: Math.floor((MIB - 2) / (unit.length + 1)) }, () => unit).join(',')}]`
  const bodies = {
    deep: fill('['.repeat(250) + ']'.repeat(250)),
    'many small keys': fill('{"a":1,"b":"x","c":[1],"d":{"e":null}}'),
    'wide object': `{${Array.from({ length: 55_000 }, (_, i) => `"key_${i}":${i}`).join(',')}}`,
    string: `{"event_type":"x","s":"${'x'.repeat(MIB - 40)}"}`,
  }
  for (const [kind, body] of Object.entries(bodies)) {
    expect(body.length, kind).toBeLessThanOrEqual(MIB)
    const id = await store(request, body)
    const html = await (await page.request.get(`/events/${id}`)).text()
    const rsc = await (await page.request.get(`/events/${id}`, { headers: { rsc: '1' } })).text()
    expect(html, `${kind}: the page rendered`).toContain('Raw body')
    // The tree, the raw preview and the page around them; never the whole body (twice).
    expect(html.length, `${kind}: HTML bytes`).toBeLessThan(600_000)
    expect(rsc.length, `${kind}: RSC bytes`).toBeLessThan(400_000)
  }
  await openDetail(page, await store(request, bodies.deep))
  await expect(page.getByText(/Showing the first [\d,]+ characters/)).toBeVisible()
  await expect(page.getByRole('link', { name: 'Download raw body' })).toBeVisible()
  await captureEveryLook(page, 'event-detail-hostile', reviewViewports)
})

test('only the headers the sender sent are shown and copied', async ({
  page,
  request,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const id = await store(
    request,
    JSON.stringify({ event_type: 'avatar_video.success', event_data: { video_id: 'hdr_1' } }),
    { 'x-sender-note': 'kept' },
  )
  await openDetail(page, id)
  const headers = page.locator('[aria-labelledby="headers-title"]')
  await expect(headers.getByText('x-sender-note', { exact: true })).toBeVisible()
  // server.mjs writes the socket's address under this name for the console itself.
  await expect(page.getByText('x-konpro-peer')).toHaveCount(0)
  await page.getByRole('button', { name: 'Copy as cURL' }).click()
  const curl = await page.evaluate(() => navigator.clipboard.readText())
  expect(curl).toContain("-H 'x-sender-note: kept'")
  expect(curl).not.toContain('x-konpro-peer')
})

test('a long event type wraps after its dots and underscores on a phone', async ({
  page,
  request,
}) => {
  const type = 'verification.session_identity.succeeded'
  const id = await store(
    request,
    JSON.stringify({
      event_type: type,
      event_data: { video_id: 'wrap_1', url: `https://files.example.com/${'a'.repeat(400)}` },
    }),
  )
  await page.setViewportSize(reviewViewports.phone)
  await page.goto(`/events/${id}`)
  const heading = page.getByRole('heading', { level: 1 })
  await expect(heading).toHaveText(type)
  // Each line of the heading, read from the layout: every line but the last ends at a separator.
  const lines = await heading.evaluate((h) => {
    const out: { top: number; text: string }[] = []
    const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let i = 0; i < n.textContent!.length; i++) {
        const range = document.createRange()
        range.setStart(n, i)
        range.setEnd(n, i + 1)
        const top = Math.round(range.getBoundingClientRect().top)
        const last = out.at(-1)
        if (last && Math.abs(last.top - top) < 4) last.text += n.textContent![i]
        else out.push({ top, text: n.textContent![i]! })
      }
    }
    return out.map((l) => l.text)
  })
  expect(lines.length, `lines: ${JSON.stringify(lines)}`).toBeGreaterThan(1)
  for (const line of lines.slice(0, -1))
    expect(line, `lines: ${JSON.stringify(lines)}`).toMatch(/[._]$/)
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0)
  await page.setViewportSize(reviewViewports.desktop)
  await captureEveryLook(page, 'event-detail-long-type', reviewViewports)
})

test('a delivery that did not verify says why: what arrived against each known secret, and the clock skew', async ({
  page,
  request,
}) => {
  // The receiver registered with the sandbox, so one endpoint secret is known to compare with.
  await page.goto('/events')
  const register = page.getByRole('button', { name: 'Register this receiver' })
  const registered = page.getByText('Registered with KonPro', { exact: true })
  await expect(register.or(registered)).toBeVisible()
  if (await register.isVisible()) await register.click()
  await expect(registered).toBeVisible()
  // Its id and secret, to find them named in the diagnosis.
  await page.goto('/konpro/endpoints')
  const endpoint = page.getByTestId('endpoint-row').filter({ hasText: '/api/webhooks/konpro' })
  const endpointId = decodeURIComponent(
    ((await endpoint.getByRole('link').first().getAttribute('href')) ?? '').split('/').pop() ?? '',
  )
  expect(endpointId).not.toBe('')
  await endpoint.getByRole('button', { name: 'Reveal secret' }).click()
  await expect(endpoint.getByTestId('secret-value')).toHaveText(/^whsec_[A-Za-z0-9_-]{20,}$/)
  const secretEnd = ((await endpoint.getByTestId('secret-value').textContent()) ?? '').slice(-4)

  const wrong = 'ab12'.repeat(16)
  const id = await store(request, '{"event_type":"avatar_video.success"}', { signature: wrong })
  await page.goto(`/events/${id}`)
  const why = page.getByTestId('signature-diagnosis')
  await expect(why).toContainText('Signature: ab12ab12…')
  await expect(why).toContainText(/None of the \d+ known secrets? gives this signature/)
  const candidate = why.getByTestId('diagnosis-candidate').first()
  await expect(candidate.getByLabel('does not match')).toBeVisible()
  // Eight hex characters of the expected signature, never the whole of it.
  await expect(candidate.locator('code')).toHaveText(/^[0-9a-f]{8}…$/)
  // Which secret: the endpoint's id and the secret's last four characters.
  const ours = why.getByTestId('diagnosis-candidate').filter({ hasText: endpointId })
  await expect(ours).toHaveCount(1)
  await expect(ours).toContainText(`…${secretEnd}`)
  await expect(ours.getByTitle(endpointId)).toHaveText(endpointId)
  await reviewScreen(page, 'event-detail-why-invalid', reviewViewports)

  const stale = Math.floor(Date.now() / 1000) - 900
  const heygen = await store(request, '{"event_type":"avatar_video.fail"}', {
    'heygen-signature': wrong,
    'heygen-timestamp': String(stale),
  })
  await page.goto(`/events/${heygen}`)
  await expect(page.getByTestId('signature-skew')).toContainText(
    /arrived 9\d\d s after its timestamp/,
  )
  await expect(why).toContainText('more than the 300 s allowed')

  // The later specs start from a console whose receiver is not registered: remove it.
  await page.goto('/konpro/endpoints')
  const remove = page.getByRole('button', { name: /^Delete endpoint .*\/api\/webhooks\/konpro$/ })
  await remove.click()
  await page.getByRole('dialog').getByRole('button', { name: 'Delete endpoint' }).click()
  await expect(remove).toHaveCount(0)
})

test('a redelivery links to its original and to the comparison of the two', async ({
  page,
  request,
}) => {
  const body = JSON.stringify({
    event_type: 'avatar_video.success',
    event_data: { video_id: `redelivered_${Date.now().toString(36)}` },
  })
  // Signed the same both times, as a sender retrying one delivery signs it.
  const signature = createHmac('sha256', 'redelivery-e2e').update(body).digest('hex')
  const original = await store(request, body, { signature })
  const again = await request.post(RECEIVER, {
    data: body,
    headers: { 'content-type': 'application/json', signature },
  })
  const { id: redelivery } = (await again.json()) as { id: string }
  expect(redelivery).not.toBe(original)
  await page.goto(`/events/${redelivery}`)
  const verdict = page.getByTestId('verdict')
  await expect(verdict).toContainText(
    `A redelivery: the same content arrived earlier as #${original}`,
  )
  await expect(verdict.getByRole('link', { name: `#${original}` })).toHaveAttribute(
    'href',
    `/events/${original}`,
  )
  await verdict.getByRole('link', { name: 'compare' }).click()
  await expect(page).toHaveURL(new RegExp(`/events/compare\\?a=${original}&b=${redelivery}$`))
  // Both named, and nothing differs in the payload: the same bytes arrived twice.
  await expect(page.getByRole('link', { name: `A: #${original}` })).toBeVisible()
  await expect(page.getByRole('link', { name: `B: #${redelivery}` })).toBeVisible()
  await expect(page.getByText('Identical, byte for byte.')).toBeVisible()
})

test('two deliveries compared: the payload key by key and the headers side by side', async ({
  page,
  request,
}) => {
  const a = await store(
    request,
    JSON.stringify({
      event_type: 'avatar_video.success',
      event_data: { video_id: 'cmp', url: 'https://a.example/1.mp4', folder_id: 'f1' },
    }),
    { 'x-render-region': 'eu-west-1', 'x-only-in-a': 'yes' },
  )
  const b = await store(
    request,
    JSON.stringify({
      event_type: 'avatar_video.success',
      event_data: {
        video_id: 'cmp',
        url: `https://b.example/${'long-path/'.repeat(30)}2.mp4`,
        caption: true,
      },
    }),
    { 'x-render-region': 'us-east-1' },
  )
  await page.goto(`/events/${a}`)
  const form = page.locator('[aria-labelledby="compare-title"]')
  await form.getByLabel('Delivery B').fill('not a number')
  await form.getByRole('button', { name: 'Compare' }).click()
  await expect(form.getByText('Enter a delivery number, for example 1042.')).toBeVisible()
  await form.getByLabel('Delivery B').fill(b)
  await form.getByRole('button', { name: 'Compare' }).click()
  await expect(page).toHaveURL(new RegExp(`/events/compare\\?a=${a}&b=${b}$`))

  const changes = page.getByTestId('payload-changes')
  await expect(changes.locator('[data-kind="changed"]')).toHaveCount(1)
  await expect(changes.locator('[data-kind="changed"]')).toContainText('event_data.url')
  await expect(changes.locator('[data-kind="removed"]')).toContainText('event_data.folder_id')
  await expect(changes.locator('[data-kind="added"]')).toContainText('event_data.caption')
  const headers = page.getByTestId('header-changes')
  await expect(headers.locator('[data-header="x-render-region"]')).toHaveAttribute(
    'data-kind',
    'changed',
  )
  await expect(headers.locator('[data-header="x-only-in-a"]')).toContainText('absent')
  await expect(page.getByTestId('compare-facts').locator('tr[data-differs]')).toHaveCount(1) // size
  await reviewScreen(page, 'events-compare', reviewViewports)

  await page.getByRole('link', { name: 'Swap' }).click()
  await expect(page).toHaveURL(new RegExp(`/events/compare\\?a=${b}&b=${a}$`))
  await expect(page.getByTestId('payload-changes').locator('[data-kind="added"]')).toContainText(
    'event_data.folder_id',
  )

  // Or ticked in the log: two rows, then Compare.
  await page.goto('/events')
  for (const id of [b, a])
    await page.getByRole('checkbox', { name: `Pick #${id} to compare` }).check()
  await expect(page.getByTestId('compare-bar')).toContainText(`#${a} and #${b} picked.`)
  await page.getByTestId('compare-bar').getByRole('link', { name: 'Compare' }).click()
  await expect(page).toHaveURL(new RegExp(`/events/compare\\?a=${a}&b=${b}$`))

  await page.goto(`/events/compare?a=${a}&b=987654321`)
  await expect(
    page.getByRole('alert').filter({ hasText: 'No stored delivery #987654321' }),
  ).toBeVisible()
})
