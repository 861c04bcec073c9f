import { chromium, type Browser, type Page } from '@playwright/test'
import { chromiumLaunch } from './chromium.mjs'
import { sessionCookie } from './server'

/** Debian's Chromium, launched as the browser tests launch it. */
export const launchBrowser = (): Promise<Browser> => chromium.launch(chromiumLaunch)

/** Signs in through the public route and hands the session cookie to a fresh browser page. */
export async function signedInPage(
  browser: Browser,
  url: string,
  credentials: { email: string; password: string },
): Promise<Page> {
  const cookie = await sessionCookie(url, credentials)
  const split = cookie.indexOf('=')
  const [name, value] = [cookie.slice(0, split), cookie.slice(split + 1)]
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addCookies([{ name, value, url }])
  return context.newPage()
}

/**
 * Records every value the live log's connection status takes, from the first paint on, into
 * `window.__connectionStates`, so a test can tell whether "Reconnecting" ever showed.
 */
export async function recordConnectionStates(page: Page) {
  await page.addInitScript(() => {
    const states: string[] = []
    ;(window as unknown as { __connectionStates: string[] }).__connectionStates = states
    const look = () => {
      const state = document
        .querySelector('[data-testid="connection-state"]')
        ?.getAttribute('data-state')
      if (state && states[states.length - 1] !== state) states.push(state)
    }
    new MutationObserver(look).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-state'],
    })
  })
  return () =>
    page.evaluate(() => (window as unknown as { __connectionStates: string[] }).__connectionStates)
}

/** The number in the live log's "N shown". */
export async function shownRows(page: Page): Promise<number> {
  const text = (await page.getByTestId('row-count').textContent()) ?? ''
  return Number(text.replace(/[^0-9]/g, '') || NaN)
}
