import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { RECEIVER, deliver, konproPayload } from './support/deliveries'
import { captureEveryLook, reviewViewports } from './support/screenshots'
import { reviewScreen } from './support/review'
import { EventsPage } from './pages/events-page'
import { LoginPage } from './pages/login-page'
import { UsersPage } from './pages/users-page'

// The views build on each other: saved in one test, opened, renamed and deleted in the next.
test.describe.configure({ mode: 'serial' })

const VIEW = 'Failed renders last 24h'
const LONG = `Deliveries whose signature did not verify, from every endpoint we ${'x'.repeat(14)}`

/** A delivery whose Signature matches no secret: "Invalid signature", or "No secret" with none known. */
async function deliverBadlySigned(request: APIRequestContext) {
  const { videoId, body } = konproPayload('avatar_video.fail')
  const res = await request.post(RECEIVER, {
    data: JSON.stringify(body),
    headers: { 'content-type': 'application/json', signature: 'ab12'.repeat(16) },
  })
  expect(res.status()).toBeLessThan(500)
  return videoId
}

test('Event type and Signature verdict each take several values, kept in the URL', async ({
  page,
  request,
}) => {
  test.slow()
  const unsigned = await deliver(request, 'avatar_video.success')
  const signed = await deliverBadlySigned(request)
  const events = new EventsPage(page)
  await events.goto()
  await expect(events.filter('Signature verdict')).toHaveText('All verdicts')
  await expect(events.row(unsigned)).toBeVisible()

  await events.filter('Signature verdict').click()
  const menu = page.getByRole('menu', { name: 'Signature verdict' })
  await menu.getByRole('menuitemcheckbox', { name: 'Invalid signature' }).click()
  await menu.getByRole('menuitemcheckbox', { name: 'No secret' }).click()
  await expect(page).toHaveURL(/verdict=invalid,no_secret(&|$)/)
  await expect(menu.getByRole('menuitemcheckbox', { name: 'No secret' })).toHaveAttribute(
    'aria-checked',
    'true',
  )
  await expect(events.row(signed)).toBeVisible()
  await expect(events.row(unsigned)).toHaveCount(0)
  for (const row of await page.getByTestId('event-row').all())
    await expect(row.locator('[data-verdict]')).toHaveAttribute('data-verdict', /invalid|no_secret/)
  await expect(events.filter('Signature verdict')).toHaveText('2 verdicts')
  await reviewScreen(page, 'events-multi-select-open', reviewViewports)
  await page.keyboard.press('Escape')
  await expect(menu).toBeHidden()

  // Keyboard only: open, move, tick with Space, close with Escape.
  await events.filter('Event type').focus()
  await page.keyboard.press('Enter')
  const types = page.getByRole('menu', { name: 'Event type' })
  await expect(types.getByRole('menuitemcheckbox').first()).toBeFocused()
  await page.keyboard.press('ArrowDown')
  // The menu moves focus on a timer after the key, so Space waits for it to land.
  await expect(
    types.getByRole('menuitemcheckbox', { name: 'avatar_video.fail', exact: true }),
  ).toBeFocused()
  await page.keyboard.press('Space')
  await expect(page).toHaveURL(/type=avatar_video\.fail/)
  await page.keyboard.press('Escape')
  await expect(types).toBeHidden()
  await expect(events.filter('Event type')).toHaveText('avatar_video.fail')
  await expect(events.filter('Event type')).toBeFocused()

  await page.reload()
  await events.hydrated()
  await expect(events.filter('Signature verdict')).toHaveText('2 verdicts')
  await expect(events.row(signed)).toBeVisible()
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(page).toHaveURL(/\/events$/)
  await expect(events.filter('Signature verdict')).toHaveText('All verdicts')
})

test('the current filters save as a named view, which opens, renames and deletes', async ({
  page,
}) => {
  test.slow()
  const events = new EventsPage(page)
  await events.goto('?verdict=invalid,no_secret')
  await events.savedViews.click()
  await page.getByRole('menuitem', { name: 'Save current filters…' }).click()
  const save = page.getByRole('dialog', { name: 'Save view' })
  await save.getByLabel('View name').fill(VIEW)
  await save.getByRole('button', { name: 'Save view' }).click()
  await expect(save).toBeHidden()

  // Somewhere else, then back through the menu.
  await events.goto()
  await events.savedViews.click()
  const item = page.getByRole('menuitem', { name: VIEW })
  await expect(item).toBeVisible()
  await reviewScreen(page, 'events-saved-views-open', reviewViewports)
  await item.click()
  await expect(page).toHaveURL(/\/events\?verdict=invalid,no_secret$/)
  await expect(events.filter('Signature verdict')).toHaveText('2 verdicts')

  // The same name again is refused next to the field, and what was typed stays.
  await events.savedViews.click()
  await expect(page.getByRole('menuitem', { name: VIEW })).toHaveAttribute('aria-current', 'page')
  await page.getByRole('menuitem', { name: 'Save current filters…' }).click()
  await save.getByLabel('View name').fill(VIEW)
  await save.getByRole('button', { name: 'Save view' }).click()
  await expect(save.getByText(`You already have a view named “${VIEW}”.`)).toBeVisible()
  await expect(save.getByLabel('View name')).toHaveValue(VIEW)
  await expect(save.getByLabel('View name')).toHaveAttribute('aria-invalid', 'true')
  await captureEveryLook(page, 'events-saved-view-duplicate', reviewViewports)
  await save.getByRole('button', { name: 'Cancel' }).click()
  await expect(save).toBeHidden()

  // A long name fits the menu and the list without widening them.
  await saveView(page, LONG)
  await events.savedViews.click()
  await page.getByRole('menuitem', { name: 'Rename or delete…' }).click()
  const manage = page.getByRole('dialog', { name: 'Saved views' })
  const rows = manage.getByTestId('saved-view')
  await expect(rows).toHaveCount(2)
  await manage.getByRole('button', { name: `Rename ${VIEW}` }).click()
  const rename = manage.getByLabel(`New name for ${VIEW}`)
  await rename.fill(LONG)
  await manage.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(manage.getByText(`You already have a view named “${LONG}”.`)).toBeVisible()
  await reviewScreen(page, 'events-saved-views-manage', reviewViewports)
  await rename.fill('Bad signatures')
  await manage.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(rows.filter({ hasText: 'Bad signatures' })).toBeVisible()
  await expect(rows.filter({ hasText: VIEW })).toHaveCount(0)
  for (const name of ['Bad signatures', LONG]) {
    await manage.getByRole('button', { name: `Delete ${name}` }).click()
    await page.getByRole('button', { name: 'Delete view' }).click()
    await expect(rows.filter({ hasText: name })).toHaveCount(0)
  }
  await expect(manage.getByTestId('saved-view')).toHaveCount(0)
  await expect(manage.getByText('No saved views.')).toBeVisible()
  await page.keyboard.press('Escape')
  await events.savedViews.click()
  await expect(page.getByRole('menuitem', { name: 'None yet' })).toBeVisible()
})

/** Saves the page's current filters as a view named `name` through the menu. */
async function saveView(page: Page, name: string) {
  await page.getByRole('button', { name: 'Saved views' }).click()
  await page.getByRole('menuitem', { name: 'Save current filters…' }).click()
  const save = page.getByRole('dialog', { name: 'Save view' })
  await save.getByLabel('View name').fill(name)
  await save.getByRole('button', { name: 'Save view' }).click()
  await expect(save).toBeHidden()
}

test('a viewer saves views of their own, and nobody else sees them', async ({
  page,
  browser,
  baseURL,
}) => {
  const email = `viewer-${Date.now().toString(36)}@views.test`
  const password = await new UsersPage(page).add(email)

  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } })
  try {
    const theirs = await context.newPage()
    await new LoginPage(theirs).signIn(email, password)
    await expect(theirs).toHaveURL(/\/konpro\/endpoints/)
    const events = new EventsPage(theirs)
    await events.goto('?verdict=unsigned')
    await saveView(theirs, 'Unsigned only')
    await events.savedViews.click()
    await expect(theirs.getByRole('menuitem', { name: 'Unsigned only' })).toBeVisible()
  } finally {
    await context.close()
  }

  // The admin has the same name free, and does not see the viewer's view.
  const events = new EventsPage(page)
  await events.goto('?verdict=unsigned')
  await events.savedViews.click()
  await expect(page.getByRole('menuitem', { name: 'Unsigned only' })).toHaveCount(0)
  await page.keyboard.press('Escape')
  await saveView(page, 'Unsigned only')
  await events.savedViews.click()
  await expect(page.getByRole('menuitem', { name: 'Unsigned only' })).toHaveCount(1)
})
