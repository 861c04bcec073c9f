import { readFileSync } from 'node:fs'
import { expect, test, type Browser } from '@playwright/test'
import { FRESH_KONPRO_PORT, FRESH_PORT } from '../playwright.config'
import { deliver } from './support/deliveries'
import { FakeKonpro } from './support/fake-konpro'
import { expectAccessible } from './support/axe'
import { captureEveryLook } from './support/screenshots'
import { reviewScreen } from './support/review'
import { LoginPage } from './pages/login-page'
import { UsersPage } from './pages/users-page'

// A server that starts with no users: first-run setup, then who may do what.
const BASE = `http://127.0.0.1:${FRESH_PORT}`
test.use({ baseURL: BASE, storageState: { cookies: [], origins: [] } })
test.describe.configure({ mode: 'serial' })

const admin = { email: 'owner@team.test', password: 'a long and sturdy passphrase' }
let adminState: Awaited<ReturnType<import('@playwright/test').BrowserContext['storageState']>>
let viewer = { email: 'viewer@team.test', password: '' }

async function signInPage(browser: Browser, email: string, password: string) {
  const context = await browser.newContext({ baseURL: BASE })
  const page = await context.newPage()
  await new LoginPage(page).signIn(email, password)
  await expect(page).toHaveURL(/\/konpro\/endpoints$/)
  return { context, page }
}

test('a fresh deployment asks for its first admin', async ({ page }) => {
  await page.goto('/konpro/endpoints')
  await expect(page).toHaveURL(/\/setup$/)
  await expect(page.getByRole('heading', { name: 'Create the first admin' })).toBeVisible()
  await reviewScreen(page, 'setup')

  await page.getByLabel('Email').fill(admin.email)
  await page.getByLabel('Password', { exact: true }).fill('too short')
  await page.getByLabel('Repeat password').fill('different')
  await page.getByRole('button', { name: 'Create admin and sign in' }).click()
  await expect(page.getByText('Use at least 12 characters.')).toBeVisible()
  await page.getByLabel('Password', { exact: true }).fill(admin.password)
  await page.getByRole('button', { name: 'Create admin and sign in' }).click()
  await expect(page.getByText('The two passwords differ.')).toBeVisible()
  await page.getByLabel('Repeat password').fill(admin.password)
  await page.getByRole('button', { name: 'Create admin and sign in' }).click()
  await expect(page).toHaveURL(/\/konpro\/endpoints$/)
  await expect(page.getByText(admin.email)).toBeVisible()
  adminState = await page.context().storageState()

  // Setup is closed once someone exists.
  await page.goto('/setup')
  await expect(page).toHaveURL(/\/konpro\/endpoints$/)
})

test('sign-out ends the session everywhere it was used', async ({ page, request }) => {
  await page.context().addCookies(adminState.cookies)
  await page.goto('/settings')
  const cookie = (await page.context().cookies()).find((c) => c.name === 'konpro_session')!
  expect(cookie.httpOnly).toBe(true)
  expect(cookie.sameSite).toBe('Lax')
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login$/)
  // The old cookie, replayed, no longer opens anything.
  const replay = await request.get('/konpro/endpoints', {
    headers: { cookie: `konpro_session=${cookie.value}` },
    maxRedirects: 0,
  })
  expect(replay.status()).toBe(307)
  expect(replay.headers().location).toContain('/login')
})

test('wrong credentials get one generic message', async ({ page }) => {
  await page.goto('/login')
  await expectAccessible(page)
  await new LoginPage(page).submit(admin.email, 'not the password at all')
  await expect(page.getByText('That email and password do not match an account.')).toBeVisible()
  await page.getByLabel('Email').fill('nobody@team.test')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText('That email and password do not match an account.')).toBeVisible()
  await captureEveryLook(page, 'login-error')
})

test('an admin adds a viewer, who sees no secrets or controls', async ({ browser }) => {
  const { context, page } = await signInPage(browser, admin.email, admin.password)
  viewer = { ...viewer, password: await new UsersPage(page).add(viewer.email) }
  expect(viewer.password.length).toBeGreaterThanOrEqual(12)
  await expect(page.getByTestId('user-row')).toHaveCount(2)
  await captureEveryLook(page, 'settings-users')

  // An endpoint to look at, created by the admin in the sandbox, and the action request used.
  let createAction: { headers: Record<string, string>; body: string } | null = null
  page.on('request', (r) => {
    if (
      r.method() === 'POST' &&
      r.headers()['next-action'] &&
      r.url().endsWith('/konpro/endpoints/new')
    )
      createAction = { headers: r.headers(), body: r.postData() ?? '' }
  })
  await page.goto('/konpro/endpoints/new')
  // This console's own receiver: the one loopback URL the sandbox calls without an opt-in.
  await page.getByLabel('Endpoint URL').fill(`${BASE}/api/webhooks/konpro`)
  await page.getByRole('button', { name: 'Create endpoint' }).click()
  await expect(page.getByTestId('endpoint-row')).toHaveCount(1)
  expect(createAction).not.toBeNull()
  await context.close()

  const asViewer = await signInPage(browser, viewer.email, viewer.password)
  const vp = asViewer.page
  await expect(vp.getByText('Viewer', { exact: true })).toBeVisible()
  await expect(vp.getByTestId('endpoint-row')).toHaveCount(1)
  await expect(vp.getByRole('link', { name: 'Create endpoint' })).toHaveCount(0)
  await expect(
    vp.getByRole('button', { name: /Reveal secret|Delete endpoint|Edit endpoint|Send test event/ }),
  ).toHaveCount(0)
  await vp.goto('/settings')
  // An outbound call with the team's key: admins only.
  await expect(vp.getByRole('button', { name: 'Test connection' })).toHaveCount(0)
  await expect(vp.getByLabel('KonPro API key')).toHaveCount(0)
  await expect(vp.getByLabel('Keep deliveries for (days)')).toBeDisabled()
  await expect(vp.getByRole('button', { name: 'Save retention' })).toHaveCount(0)
  await vp.goto('/settings/users')
  await expect(vp).toHaveURL(/\/konpro\/endpoints\?denied=admin$/)
  await captureEveryLook(vp, 'endpoints-viewer')

  // The same create action, called directly with the viewer's cookie, is refused on the server.
  const viewerCookie = (await asViewer.context.cookies()).find((c) => c.name === 'konpro_session')!
  const headers = Object.fromEntries(
    Object.entries(createAction!.headers).filter(([name]) => name !== 'cookie'),
  )
  const direct = await vp.request.post(`${BASE}/konpro/endpoints/new`, {
    headers: { ...headers, origin: BASE, cookie: `konpro_session=${viewerCookie.value}` },
    data: createAction!.body.replace('/api/webhooks/konpro', '/api/webhooks/konpro?again'),
  })
  expect(await direct.text()).toContain('Only an admin can do this.')
  await vp.goto('/konpro/endpoints')
  await expect(vp.getByTestId('endpoint-row')).toHaveCount(1)

  // Removing the viewer ends their session at once.
  const again = await signInPage(browser, admin.email, admin.password)
  await again.page.goto('/settings/users')
  await again.page.getByRole('button', { name: `Remove ${viewer.email}` }).click()
  await again.page.getByRole('dialog').getByRole('button', { name: 'Remove user' }).click()
  await expect(again.page.getByTestId('user-row')).toHaveCount(1)
  await vp.goto('/events')
  await expect(vp).toHaveURL(/\/login/)

  // The audit log recorded all of it, and offers no way to change it.
  await again.page.goto('/settings/audit')
  const log = again.page.getByRole('table', { name: 'Audit log' })
  for (const action of [
    'auth.sign_in',
    'auth.sign_in_failed',
    'auth.sign_out',
    'user.added',
    'user.removed',
    'endpoint.created',
  ]) {
    await expect(log.getByText(action, { exact: true }).first()).toBeVisible()
  }
  await expect(log).not.toContainText(viewer.password)
  await expect(again.page.getByRole('button', { name: /delete|edit|remove/i })).toHaveCount(0)
  await captureEveryLook(again.page, 'settings-audit')
  await again.context.close()
  await asViewer.context.close()
})

/** Every console page in the production build, from Next's own route manifest (not a hand list). */
function consolePages(): string[] {
  const manifest = JSON.parse(
    readFileSync('.next/app-path-routes-manifest.json', 'utf8'),
  ) as Record<string, string>
  return Object.entries(manifest)
    .filter(([file]) => file.startsWith('/(console)/') && file.endsWith('/page'))
    .map(([, route]) => route)
    .sort()
}

test('signing in from any console page as the deep link lands on that page, with its query', async ({
  browser,
}) => {
  // Two real sign-ins (one scrypt each) per page of the build.
  test.setTimeout(240_000)
  // Real ids for the dynamic segments: a stored delivery, a KonPro endpoint and a Kayle endpoint.
  const { context, page } = await signInPage(browser, admin.email, admin.password)
  await deliver(page.request)
  const events = (await (await page.request.get('/api/events')).json()) as {
    events: { id: number }[]
  }
  const eventId = events.events[0]!.id
  await page.goto('/konpro/endpoints')
  const endpointId = (await page
    .getByTestId('endpoint-row')
    .first()
    .locator('span.font-mono')
    .textContent())!.trim()
  await page.goto('/kayle/endpoints/new')
  await page.getByRole('button', { name: 'Use this console’s receiver' }).click()
  await page.getByRole('button', { name: 'Create endpoint' }).click()
  await expect(page).toHaveURL(/\/kayle\/endpoints\/(?!new$)[^/]+$/)
  const kayleId = new URL(page.url()).pathname.split('/').pop()!
  await context.close()

  const ids: Record<string, string> = {
    '/events/[id]': String(eventId),
    '/konpro/endpoints/[id]': endpointId,
    '/kayle/endpoints/[id]': kayleId,
  }
  const routes = consolePages()
  expect(routes).toContain('/konpro/endpoints')
  expect(routes).toContain('/events/[id]')
  for (const route of routes) {
    const path = route.includes('[')
      ? route.replace(/\[[^\]]+\]/, ids[route] ?? 'missing-id')
      : route
    // Bare, as a bookmark of the page itself (the sign-in page links to /konpro/endpoints too), and with a query.
    for (const target of [path, `${path}?from=bookmark&view=all`]) {
      const fresh = await browser.newContext({ baseURL: BASE })
      const p = await fresh.newPage()
      try {
        await p.goto(target)
        await expect(p, target).toHaveURL(/\/login\?next=/)
        await new LoginPage(p).submit(admin.email, admin.password)
        await expect(p, target).toHaveURL(`${BASE}${target}`)
        // The page itself rendered: its heading inside the console's main region, not an empty card.
        await expect(p.locator('#main h1').first(), target).toBeVisible()
        await expect(p.getByRole('heading', { name: 'Sign in' }), target).toHaveCount(0)
      } finally {
        await fresh.close()
      }
    }
  }
})

// `next` values an attacker's link could carry to send a person elsewhere after signing in.
const FOREIGN_NEXT = [
  '/\\evil.example/x',
  '/\t/evil.example',
  '//evil.example',
  'https://evil.example/',
  '/%09/evil.example',
  '/.//evil.example',
]

test('sign-in never follows next to another origin', async ({ browser }) => {
  for (const next of FOREIGN_NEXT) {
    const context = await browser.newContext({ baseURL: BASE })
    const page = await context.newPage()
    try {
      // Built by hand: the tab and backslash must reach the server as an attacker's link sends them.
      await page.goto(`/login?next=${next.includes('%') ? next : encodeURIComponent(next)}`)
      await new LoginPage(page).submit(admin.email, admin.password)
      await expect(page, next).toHaveURL(`${BASE}/konpro/endpoints`)
    } finally {
      await context.close()
    }
  }
})

test('an admin stores a KonPro key from Settings, tests it and removes it; retention is editable', async ({
  browser,
}) => {
  const key = 'kp_team_7d1c9e5a2b8f4036a1e2c4'
  const konpro = new FakeKonpro(FRESH_KONPRO_PORT, key)
  konpro.seed('https://hooks.team.test/konpro', ['avatar_video.success'])
  await konpro.start()
  const { context, page } = await signInPage(browser, admin.email, admin.password)
  try {
    await page.goto('/settings')
    const connection = page.getByRole('region', { name: 'KonPro connection' })
    await expect(connection.getByText('Not set')).toBeVisible()
    const field = page.getByLabel('KonPro API key')
    await field.fill('too short')
    await page.getByRole('button', { name: 'Save key' }).click()
    await expect(
      page.getByText('A KonPro API key is at least 16 characters; paste the whole key.'),
    ).toBeVisible()

    // A key KonPro refuses is not kept.
    await field.fill('kp_wrong_00000000000000000000')
    await page.getByRole('button', { name: 'Save key' }).click()
    await expect(page.getByText('KonPro rejected this key.', { exact: false })).toBeVisible()
    await page.reload()
    await expect(connection.getByText('Not set')).toBeVisible()

    await page.getByLabel('KonPro API key').fill(key)
    await page.getByRole('button', { name: 'Save key' }).click()
    await expect(
      page.getByText(/Key saved\. Connected: KonPro answered in \d+ ms and lists 1 endpoint\./),
    ).toBeVisible()
    await expect(
      connection.getByText(`Stored in the console, ending …${key.slice(-4)}`),
    ).toBeVisible()
    await expect(page.getByRole('banner').getByText('KonPro API', { exact: true })).toBeVisible()
    expect(await page.content()).not.toContain(key)

    await page.getByRole('button', { name: 'Test connection' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'lists 1 endpoint' })).toBeVisible()
    await captureEveryLook(page, 'settings-stored-key')

    // The stored key is what the console now uses: KonPro's endpoints, and a rejection says where to fix it.
    await page.goto('/konpro/endpoints')
    await expect(
      page.getByTestId('endpoint-row').filter({ hasText: 'hooks.team.test/konpro' }),
    ).toBeVisible()
    konpro.failWith = { status: 401 }
    await page.goto('/settings')
    await page.getByRole('button', { name: 'Test connection' }).click()
    await expect(
      page.getByText(
        'KonPro rejected the stored API key. An admin can store a valid key in Settings.',
      ),
    ).toBeVisible()
    konpro.failWith = null
    expect(konpro.requests.filter((r) => r.apiKey === key).length).toBeGreaterThanOrEqual(2)

    await page.getByRole('button', { name: 'Remove stored key' }).click()
    await expect(page.getByText('Stored key removed.', { exact: false })).toBeVisible()
    await expect(connection.getByText('Not set')).toBeVisible()
    await expect(page.getByRole('banner').getByText('Sandbox', { exact: true })).toBeVisible()

    // Retention: checked next to the field, saved, and shown as saved.
    const days = page.getByLabel('Keep deliveries for (days)')
    await days.fill('0')
    await page.getByRole('button', { name: 'Save retention' }).click()
    await expect(page.getByText('Keep deliveries for at least 1 day.')).toBeVisible()
    await days.fill('14')
    await page.getByRole('button', { name: 'Save retention' }).click()
    await expect(
      page.getByText('Deliveries are now kept for 14 days', { exact: false }),
    ).toBeVisible()
    await page.reload()
    await expect(page.getByLabel('Keep deliveries for (days)')).toHaveValue('14')
    await expect(page.getByText('Saved here;', { exact: false })).toBeVisible()

    await page.goto('/settings/audit')
    const log = page.getByRole('table', { name: 'Audit log' })
    await expect(log.getByText('konpro.api_key').first()).toBeVisible()
    await expect(log.getByText('events.retention').first()).toBeVisible()
    await expect(log).not.toContainText(key)
  } finally {
    await context.close()
    await konpro.stop()
  }
})

test('an anonymous visitor reaches only the public routes', async ({ request }) => {
  for (const path of [
    '/',
    '/konpro/endpoints',
    '/konpro/endpoints/new',
    '/konpro/endpoints/webhook_x',
    '/events',
    '/settings',
    '/settings/users',
    '/settings/audit',
    '/kayle/endpoints',
    '/kayle/endpoints/new',
    '/kayle/endpoints/we_x',
    '/kayle/deliveries',
  ]) {
    const res = await request.get(path, { maxRedirects: 0 })
    expect([307, 308], path).toContain(res.status())
    expect(res.headers().location, path).toMatch(/\/login/)
  }
  expect((await request.get('/api/health')).status()).toBe(200)
  expect((await request.get('/login')).status()).toBe(200)
  expect((await request.get('/api/sandbox/konpro/v1/webhook/endpoint.list')).status()).toBe(401)
  expect((await request.get('/api/sandbox/kayle/v1/webhooks/endpoints')).status()).toBe(401)
  expect((await request.fetch('/api/webhooks/kayle', { method: 'OPTIONS' })).status()).toBe(200)
  const cross = await request.post('/api/auth/sign-in', {
    data: admin,
    headers: { origin: 'https://evil.example' },
  })
  expect(cross.status()).toBe(403)
})

test('security headers are on every response', async ({ request }) => {
  // /api/events/stream is served by server.mjs's fast path, not Next: signed out, it answers 401.
  for (const path of [
    '/login',
    '/api/health',
    '/api/events/stream',
    '/konpro/endpoints',
    '/no/such/page',
  ]) {
    const res = await request.get(path, { maxRedirects: 0 })
    const h = res.headers()
    expect(h['content-security-policy'], path).toContain("frame-ancestors 'none'")
    expect(h['content-security-policy'], path).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect(h['referrer-policy'], path).toBe('strict-origin-when-cross-origin')
    expect(h['x-content-type-options'], path).toBe('nosniff')
  }
  const page = await request.get('/login')
  expect(page.headers()['content-security-policy']).toMatch(
    /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/,
  )
  // HSTS only when https is known: X-Forwarded-Proto from a peer that is no trusted proxy (none is
  // configured here) says nothing. The trusted case is in lib/security-headers.test.ts.
  const forged = await request.get('/login', { headers: { 'x-forwarded-proto': 'https' } })
  expect(forged.headers()['strict-transport-security']).toBeUndefined()
})

// Last: it locks this address out for a minute.
test('parallel guesses are limited to five; the right password among them does not get in', async ({
  page,
}) => {
  // 100 requests at once over real sockets, the right password last.
  const guesses = Array.from({ length: 100 }, (_, i) =>
    i === 99 ? admin.password : `wrong password ${i}`,
  )
  const answers = await Promise.all(
    guesses.map((password) =>
      page.request.post('/api/auth/sign-in', {
        data: { email: admin.email, password },
        headers: { origin: BASE },
      }),
    ),
  )
  const statuses = answers.map((r) => r.status())
  expect(statuses.filter((s) => s !== 429).length, statuses.join(' ')).toBeLessThanOrEqual(5)
  expect(
    statuses.filter((s) => s === 200),
    statuses.join(' '),
  ).toHaveLength(0)
  expect(Number(answers[99]!.headers()['retry-after'])).toBeGreaterThan(0)

  // The form shows the wait, and the right password is still refused.
  await new LoginPage(page).signIn(admin.email, admin.password)
  await expect(
    page.getByText(/Too many failed sign-ins\. Try again in \d+ seconds\./),
  ).toBeVisible()
  await expect(page).toHaveURL(/\/login/)
})
