import type { Page } from '@playwright/test'

/** The sizes every page is reviewed at: a wide laptop and a small phone. */
export const viewports = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 375, height: 812 },
} as const

export const reviewViewports = viewports

/**
 * Saves a full-page screenshot of the current page in light and dark, at desktop and phone
 * width, under reports/screenshots/ (kept as artifacts; Playwright empties test-results/).
 */
export async function captureEveryLook(
  page: Page,
  name: string,
  sizes: Record<string, { width: number; height: number }> = viewports,
) {
  const original = page.viewportSize()
  for (const [size, viewport] of Object.entries(sizes)) {
    await page.setViewportSize(viewport)
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
      await page.waitForFunction(
        (s) => document.documentElement.classList.contains('dark') === (s === 'dark'),
        scheme,
      )
      await page.screenshot({
        path: `reports/screenshots/${name}-${size}-${scheme}.png`,
        fullPage: true,
        animations: 'disabled',
      })
    }
  }
  await page.emulateMedia({ colorScheme: null })
  if (original) await page.setViewportSize(original)
}
