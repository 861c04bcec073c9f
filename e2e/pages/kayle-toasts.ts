import { expect, type Page } from '@playwright/test'

/**
 * A toast of the given kind holding `text`: Kayle failures must be error toasts, never green ones
 * (sonner marks each toast with `data-type`).
 */
export async function expectToast(page: Page, type: 'success' | 'error', text: string | RegExp) {
  await expect(
    page.locator(`[data-sonner-toast][data-type="${type}"]`).filter({ hasText: text }).first(),
  ).toBeVisible()
}
