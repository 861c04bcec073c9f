import { expect, type Page } from '@playwright/test'

/** The endpoints list and form, addressed the way a person finds things: by role and label. */
export class EndpointsPage {
  constructor(readonly page: Page) {}

  async goto(query = '') {
    await this.page.goto(`/konpro/endpoints${query}`)
    await expect(this.page.getByRole('heading', { level: 1, name: 'Endpoints' })).toBeVisible()
  }

  rows() {
    return this.page.getByTestId('endpoint-row')
  }

  row(url: string) {
    return this.rows().filter({ hasText: url })
  }

  async openCreate() {
    await this.page.getByRole('link', { name: 'Create endpoint' }).first().click()
    await expect(this.page.getByRole('heading', { level: 1, name: 'New endpoint' })).toBeVisible()
  }

  urlField() {
    return this.page.getByLabel('Endpoint URL')
  }

  async chooseEvents(events: string[]) {
    await this.page.getByRole('radio', { name: /Selected events/ }).check()
    for (const e of events)
      await this.page.getByRole('checkbox', { name: new RegExp(e.replace('.', '\\.')) }).check()
  }

  async create(url: string, events: string[] = [], entityId = '') {
    await this.openCreate()
    await this.urlField().fill(url)
    if (events.length) await this.chooseEvents(events)
    if (entityId) await this.page.getByLabel(/Entity ID/).fill(entityId)
    await this.page.getByRole('button', { name: 'Create endpoint' }).click()
    await expect(this.page).toHaveURL(/\/konpro\/endpoints$/)
    await expect(this.row(url)).toBeVisible()
  }
}
