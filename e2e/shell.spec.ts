import { expect, test } from '@playwright/test'
import { E2E_ADMIN } from '../playwright.config'
import { expectAccessible } from './support/axe'
import { captureEveryLook } from './support/screenshots'
import { reviewScreen } from './support/review'

const pages = [
  { path: '/konpro/endpoints', heading: 'Endpoints' },
  { path: '/events', heading: 'Events' },
  { path: '/settings', heading: 'Settings' },
]

test('health reports the embedded database and the version', async ({ request }) => {
  const res = await request.get('/api/health')
  expect(res.status()).toBe(200)
  expect(await res.json()).toEqual({
    ok: true,
    db: 'embedded',
    version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    live: 'notify',
    liveReason: expect.any(String),
  })
})

test('the home page leads to endpoints', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveURL(/\/konpro\/endpoints$/)
})

test('an old /endpoints deep link still lands on its page under /konpro, query and all', async ({
  browser,
  baseURL,
}) => {
  // Signed out, as a bookmark opened in a fresh browser: the redirect, then sign-in, then the page.
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } })
  try {
    const direct = await context.request.get('/endpoints/webhook_old?x=1', { maxRedirects: 0 })
    expect(direct.status()).toBe(308)
    expect(direct.headers()['location']).toBe('/konpro/endpoints/webhook_old?x=1')
    const page = await context.newPage()
    await page.goto('/endpoints/webhook_old?x=1')
    await expect(page).toHaveURL(/\/login\?next=/)
    await page.getByLabel('Email').fill(E2E_ADMIN.email)
    await page.getByLabel('Password').fill(E2E_ADMIN.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page).toHaveURL(`${baseURL}/konpro/endpoints/webhook_old?x=1`)
    await expect(page.getByRole('heading', { name: 'Sign in' })).toHaveCount(0)
  } finally {
    await context.close()
  }
})

test('the sidebar reaches every section and marks the current one', async ({ page }) => {
  await page.goto('/konpro/endpoints')
  const nav = page.getByRole('navigation', { name: 'Main' })
  for (const { heading } of pages) {
    await nav.getByRole('link', { name: heading }).click()
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
    await expect(nav.getByRole('link', { name: heading })).toHaveAttribute('aria-current', 'page')
  }
})

for (const { path, heading } of pages) {
  test(`${path} passes axe and is captured in every look`, async ({ page }) => {
    await page.goto(path)
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
    await expectAccessible(page)
    await page.emulateMedia({ colorScheme: 'dark' })
    await reviewScreen(page, path.slice(1).replaceAll('/', '-'))
  })
}

test('the theme toggle overrides the system and sticks across reloads', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' })
  await page.goto('/settings')
  const html = page.locator('html')
  await expect(html).not.toHaveClass(/dark/)
  await page.getByRole('button', { name: /System theme/ }).click() // system -> light
  await page.getByRole('button', { name: /Light theme/ }).click() // light -> dark
  await expect(html).toHaveClass(/dark/)
  await page.reload()
  await expect(html).toHaveClass(/dark/)
  await expect(page.getByRole('button', { name: /Dark theme/ })).toBeVisible()
})

test('on a phone the navigation opens as a sheet', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 })
  await page.goto('/konpro/endpoints')
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden()
  await page.getByRole('button', { name: 'Open navigation' }).click()
  await page.getByRole('dialog').getByRole('link', { name: 'Events' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Events' })).toBeVisible()
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  )
  expect(overflow).toBeLessThanOrEqual(0)
})

test('keyboard focus is visible', async ({ page }) => {
  await page.goto('/konpro/endpoints')
  await page.keyboard.press('Tab')
  const outline = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement
    return getComputedStyle(el).outlineStyle
  })
  expect(outline).not.toBe('none')
})

test('an unknown address shows a way back', async ({ page }) => {
  const res = await page.goto('/no/such/page')
  expect(res?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  await captureEveryLook(page, 'not-found')
  await page.getByRole('link', { name: 'Go to endpoints' }).click()
  await expect(page).toHaveURL(/\/konpro\/endpoints$/)
})
