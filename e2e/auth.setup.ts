import { expect, test as setup } from '@playwright/test'
import { ADMIN_STATE, E2E_ADMIN } from '../playwright.config'

// Signs the start-up admin in once; the other tests reuse the session cookie.
setup('sign in as the admin', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('Email').fill(E2E_ADMIN.email)
  await page.getByLabel('Password').fill(E2E_ADMIN.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/konpro\/endpoints$/)
  await page.context().storageState({ path: ADMIN_STATE })
})
