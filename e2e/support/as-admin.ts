import type { Browser, Page } from '@playwright/test'
import { ADMIN_STATE } from '../../playwright.config'

/**
 * Runs `task` on a page of its own context signed in as the start-up admin, then closes it: for
 * the clean-up a spec leaves for the next, whatever its tests signed in as.
 */
export async function asAdmin(
  browser: Browser,
  baseURL: string | undefined,
  task: (page: Page) => Promise<void>,
) {
  const context = await browser.newContext({ baseURL, storageState: ADMIN_STATE })
  try {
    await task(await context.newPage())
  } finally {
    await context.close()
  }
}
