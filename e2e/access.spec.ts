import { expect, request as newRequest, test, type APIRequestContext } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { ADMIN_STATE, E2E_ADMIN } from '../playwright.config'
import { deliver } from './support/deliveries'
import {
  builtActions,
  builtRoutes,
  fill,
  layoutsOnScreenTree,
  type BuiltRoute,
} from './support/routes'
import { signIn } from './support/sign-in'
import { EventsPage } from './pages/events-page'
import { UsersPage } from './pages/users-page'

/*
 * Who may read what, tried as an attacker would: every page and route handler of the build,
 * requested as nobody, with a forged session cookie and as a viewer, both as a full page load and
 * as the RSC partial request a client navigation makes (which renders the page segment without
 * the layouts above it). "Carries data" means the answer contains one of the markers seeded
 * below: a stored delivery's unique id, an endpoint id, the admin's email, the receiver URL or the
 * event catalogue that only the endpoint form shows.
 */
test.use({ storageState: { cookies: [], origins: [] } })

// Receivers, health and sign-in are public by design; the sandbox APIs check their own key.
const PUBLIC_ROUTES = [
  /^\/api\/webhooks\//,
  /^\/api\/health$/,
  /^\/api\/auth\/sign-in$/,
  /^\/api\/sandbox\//,
]
const PUBLIC_PAGES = ['/login', '/setup', '/_not-found', '/_global-error']
// Pages a viewer must not open; every other console page is theirs to read.
const ADMIN_PAGES = [
  '/konpro/endpoints/new',
  '/kayle/endpoints/new',
  '/settings/users',
  '/settings/audit',
]
// Actions anyone may call (first-run setup, ending one's own session) and those a viewer may call.
const PUBLIC_ACTIONS = ['setupAction', 'signOutAction']
const VIEWER_ACTIONS = [
  'countStoredEvents',
  'createAccessTokenAction',
  'revokeAccessTokenAction',
  // Each acts on the caller's own saved views only.
  'saveViewAction',
  'renameViewAction',
  'deleteViewAction',
]

type Identity = { name: string; cookie: string | null }
type Seed = {
  videoId: string
  eventId: string
  endpointId: string
  viewerEmail: string
  endpointUrl: string
}
let seed: Seed
let sessionCookie = ''
let viewer: Identity

async function adminContext(baseURL: string) {
  return newRequest.newContext({ baseURL, storageState: ADMIN_STATE })
}

test.beforeAll(async ({ browser, baseURL }) => {
  const admin = await adminContext(baseURL!)
  const state = (await admin.storageState()).cookies
  // The session cookie is whatever the sign-in set: the crawl forges the same name.
  sessionCookie = state.find((c) => c.httpOnly)!.name

  const videoId = await deliver(admin)
  const list = (await (await admin.get(`/api/events?q=${videoId}`)).json()) as {
    events: Array<{ id: number | string; correlation: Record<string, string> }>
  }
  const eventId = String(list.events.find((e) => e.correlation.video_id === videoId)!.id)

  // An endpoint and a viewer, made the way an admin makes them: through the console's own pages.
  const page = await (await browser.newContext({ baseURL, storageState: ADMIN_STATE })).newPage()
  await page.goto('/konpro/endpoints/new')
  const tag = `access=${randomBytes(4).toString('hex')}`
  await page.getByLabel('Endpoint URL').fill(`${baseURL}/api/webhooks/konpro?${tag}`)
  await page.getByRole('button', { name: 'Create endpoint' }).click()
  await expect(page).toHaveURL(/\/konpro\/endpoints$/)
  const href = await page
    .getByTestId('endpoint-row')
    .filter({ hasText: tag })
    .getByRole('link')
    .first()
    .getAttribute('href')
  const id = decodeURIComponent(href!.split('/').pop()!)

  const viewerEmail = `viewer-${randomBytes(4).toString('hex')}@access.test`
  const password = (await new UsersPage(page).add(viewerEmail)).trim()
  await page.context().close()

  const asViewer = await newRequest.newContext({ baseURL })
  await signIn(asViewer, baseURL!, viewerEmail, password)
  const cookie = (await asViewer.storageState()).cookies.find((c) => c.name === sessionCookie)!
  viewer = { name: 'viewer', cookie: `${sessionCookie}=${cookie.value}` }
  await asViewer.dispose()
  await admin.dispose()
  seed = {
    videoId,
    eventId,
    endpointId: id,
    viewerEmail,
    endpointUrl: `${baseURL}/api/webhooks/konpro?${tag}`,
  }
})

// The later specs on this server start from an empty log and no endpoints: leave none behind.
test.afterAll(async ({ browser, baseURL }) => {
  const page = await (await browser.newContext({ baseURL, storageState: ADMIN_STATE })).newPage()
  await page.goto('/konpro/endpoints')
  await page.getByRole('button', { name: `Delete endpoint ${seed.endpointUrl}` }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Delete endpoint' }).click()
  await expect(page.getByTestId('endpoint-row')).toHaveCount(0)
  await new EventsPage(page).clearLog()
  await page.context().close()
})

const markers = () => [
  seed.videoId,
  seed.endpointId,
  E2E_ADMIN.email,
  '/api/webhooks/',
  'avatar_video_gif.success',
]
const params = () => ({ id: seed.eventId, path: 'v1/webhooks/endpoints', action: 'endpoint.list' })
// Dynamic segments get real ids: the delivery under /events, the endpoint under /konpro/endpoints.
function pathFor(route: BuiltRoute) {
  const values = route.route.startsWith('/konpro/endpoints/')
    ? { ...params(), id: seed.endpointId }
    : params()
  return { path: fill(route.route, values), values }
}

/** GET as a full load, or as the RSC partial request; Next's `_rsc` cache-key redirect is followed. */
async function load(
  api: APIRequestContext,
  route: BuiltRoute,
  identity: Identity,
  mode: 'full' | 'rsc' | 'rsc-post',
) {
  const { path, values } = pathFor(route)
  const headers: Record<string, string> = {}
  if (identity.cookie) headers.cookie = identity.cookie
  if (mode !== 'full') {
    headers.rsc = '1'
    headers['next-router-state-tree'] = layoutsOnScreenTree(route.appPath, values)
  }
  const method = mode === 'rsc-post' ? 'POST' : 'GET'
  let res = await api.fetch(path, { method, headers, maxRedirects: 0 })
  const location = res.headers().location ?? ''
  if (res.status() === 307 && location.includes('_rsc='))
    res = await api.fetch(location, { method, headers, maxRedirects: 0 })
  return {
    path,
    status: res.status(),
    location: res.headers().location ?? '',
    body: await res.text(),
  }
}

/**
 * Refused: a redirect, before anything was sent or (once a streamed page has begun) inside it,
 * to another address than the one asked for.
 */
function refused(answer: { status: number; location: string; path: string; body: string }) {
  if (answer.status >= 300 && answer.status < 400)
    return !answer.location.split('?')[0]!.endsWith(answer.path)
  return /NEXT_REDIRECT;(?:replace|push);\/(?:login|setup|konpro\/endpoints|kayle\/endpoints)[;?]/.test(
    answer.body,
  )
}

/** The markers in an answer, leaving out what the caller put in the address itself. */
function leaks(body: string, path: string) {
  return markers().filter((m) => body.includes(m) && !path.includes(encodeURIComponent(m)))
}

const protectedPages = () =>
  builtRoutes().filter((r) => r.kind === 'page' && !PUBLIC_PAGES.includes(r.route))
const protectedRoutes = () =>
  builtRoutes().filter((r) => r.kind === 'route' && !PUBLIC_ROUTES.some((p) => p.test(r.route)))

test('the build lists the routes the crawl needs', () => {
  const routes = builtRoutes().map((r) => r.route)
  expect(routes).toEqual(
    expect.arrayContaining([
      '/events/[id]',
      '/konpro/endpoints/new',
      '/settings/users',
      '/api/events/[id]/body',
    ]),
  )
  expect(builtActions().length).toBeGreaterThan(10)
})

test('without a valid session no page and no route handler answers with data', async ({
  request,
}) => {
  const forged: Identity = {
    name: 'forged cookie',
    cookie: `${sessionCookie}=${randomBytes(32).toString('base64url')}`,
  }
  const problems: string[] = []
  for (const identity of [{ name: 'anonymous', cookie: null }, forged]) {
    for (const route of protectedPages()) {
      for (const mode of ['full', 'rsc', 'rsc-post'] as const) {
        const answer = await load(request, route, identity, mode)
        const found = leaks(answer.body, answer.path)
        if (found.length)
          problems.push(
            `${identity.name} ${mode} ${answer.path} (${answer.status}) carries ${found.join(', ')}`,
          )
        if (!refused(answer))
          problems.push(
            `${identity.name} ${mode} ${answer.path} was not refused (${answer.status})`,
          )
      }
    }
    for (const route of protectedRoutes()) {
      const { path } = pathFor(route)
      const res = await request.get(path, {
        headers: identity.cookie ? { cookie: identity.cookie } : {},
        maxRedirects: 0,
      })
      const body = await res.text()
      if (res.status() !== 401)
        problems.push(`${identity.name} GET ${path} answered ${res.status()}`)
      if (leaks(body, path).length)
        problems.push(`${identity.name} GET ${path} carries ${leaks(body, path).join(', ')}`)
    }
  }
  expect(problems).toEqual([])
})

test('a viewer is refused the admin-only pages, as full loads and as partial requests', async ({
  request,
}) => {
  const problems: string[] = []
  for (const route of protectedPages().filter((r) => ADMIN_PAGES.includes(r.route))) {
    for (const mode of ['full', 'rsc', 'rsc-post'] as const) {
      const answer = await load(request, route, viewer, mode)
      const found = leaks(answer.body, answer.path).filter((m) => m !== seed.endpointId)
      if (found.length)
        problems.push(
          `viewer ${mode} ${answer.path} (${answer.status}) carries ${found.join(', ')}`,
        )
      if (!refused(answer))
        problems.push(`viewer ${mode} ${answer.path} was not refused (${answer.status})`)
    }
  }
  // The pages a viewer may read do open: the crawl above is not passing because everything fails.
  const events = await load(
    request,
    { appPath: '/(console)/events/[id]/page', route: '/events/[id]', kind: 'page' },
    viewer,
    'rsc',
  )
  expect(events.body).toContain(seed.videoId)
  expect(problems).toEqual([])
})

test('every server action refuses callers without a session, and viewers unless it is theirs', async ({
  request,
  baseURL,
}) => {
  const forged = `${sessionCookie}=${randomBytes(32).toString('base64url')}`
  const problems: string[] = []
  for (const action of builtActions()) {
    if (PUBLIC_ACTIONS.includes(action.name)) continue
    const worker = action.workers[0]!.replace(/^app/, '').replace(/\/page$/, '')
    const path = fill(worker.replace(/\/\([^)]+\)/g, ''), params()) || '/'
    for (const [who, cookie] of [
      ['anonymous', null],
      ['forged cookie', forged],
      ['viewer', viewer.cookie],
    ] as const) {
      if (who === 'viewer' && VIEWER_ACTIONS.includes(action.name)) continue
      const res = await request.post(path, {
        headers: {
          'next-action': action.id,
          origin: baseURL!,
          'content-type': 'text/plain;charset=UTF-8',
          ...(cookie ? { cookie } : {}),
        },
        data: '[]',
        maxRedirects: 0,
      })
      const body = await res.text()
      const expected = who === 'viewer' ? 'Only an admin can do this.' : 'Your session has ended.'
      if (!body.includes(expected))
        problems.push(`${who} ${action.name} via ${path}: ${res.status()} ${body.slice(-200)}`)
    }
  }
  expect(problems).toEqual([])
})
