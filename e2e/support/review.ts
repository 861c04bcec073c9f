import type { Page } from '@playwright/test'
import { expectAccessible } from './axe'
import { captureEveryLook, viewports } from './screenshots'

/**
 * The review of a finished screen: no serious accessibility violation, then its screenshots in
 * every look (light and dark, at `sizes`) for a person to look over.
 */
export async function reviewScreen(
  page: Page,
  name: string,
  sizes: Record<string, { width: number; height: number }> = viewports,
) {
  await expectAccessible(page)
  await captureEveryLook(page, name, sizes)
}
