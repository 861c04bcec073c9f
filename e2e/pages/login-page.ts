import type { Page } from '@playwright/test'

/** The /login form, by label. Where signing in leads is for each test to check. */
export class LoginPage {
  constructor(readonly page: Page) {}

  /** Opens /login and signs in. */
  async signIn(email: string, password: string) {
    await this.page.goto('/login')
    await this.submit(email, password)
  }

  /** Fills the form already on screen (/login, or a deep link's sign-in) and presses Sign in. */
  async submit(email: string, password: string) {
    await this.page.getByLabel('Email').fill(email)
    await this.page.getByLabel('Password').fill(password)
    await this.page.getByRole('button', { name: 'Sign in' }).click()
  }
}
