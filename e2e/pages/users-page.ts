import type { Page } from '@playwright/test'

/** Settings › Users, by role and label. */
export class UsersPage {
  constructor(readonly page: Page) {}

  /** Adds a user from /settings/users; answers the one-time password shown once. */
  async add(email: string, role: 'admin' | 'viewer' = 'viewer') {
    await this.page.goto('/settings/users')
    await this.page.getByLabel('Email').fill(email)
    await this.page.getByLabel('Role', { exact: true }).selectOption(role)
    await this.page.getByRole('button', { name: 'Add user' }).click()
    return (await this.page.getByTestId('one-time-password').textContent()) ?? ''
  }
}
