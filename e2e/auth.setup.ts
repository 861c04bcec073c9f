import { expect, test as setup } from '@playwright/test'
import { ADMIN_STATE, E2E_ADMIN } from '../playwright.config'
import { LoginPage } from './pages/login-page'

// Signs the start-up admin in once; the other tests reuse the session cookie.
setup('sign in as the admin', async ({ page }) => {
  await new LoginPage(page).signIn(E2E_ADMIN.email, E2E_ADMIN.password)
  await expect(page).toHaveURL(/\/konpro\/endpoints$/)
  await page.context().storageState({ path: ADMIN_STATE })
})
