import { expect, type Page } from '@playwright/test'

/** The /events page, by role and label. */
export class EventsPage {
  constructor(readonly page: Page) {}

  async goto(query = '') {
    await this.page.goto(`/events${query}`)
    await expect(this.page.getByRole('heading', { level: 1, name: 'Events' })).toBeVisible()
    await this.hydrated()
  }

  /** The live island has mounted (its connection left "connecting"), so controls respond. */
  async hydrated() {
    await expect(this.connection).toHaveAttribute('data-state', /live|polling|reconnecting/, {
      timeout: 20_000,
    })
  }

  get list() {
    return this.page.getByRole('list', { name: 'Deliveries, newest first' })
  }

  row(videoId: string) {
    return this.page.getByTestId('event-row').filter({ hasText: videoId })
  }

  get connection() {
    return this.page.getByTestId('connection-state')
  }

  async expectConnection(state: 'live' | 'reconnecting' | 'polling') {
    await expect(this.connection).toHaveAttribute('data-state', state, { timeout: 15_000 })
  }

  get scroller() {
    return this.page.getByTestId('event-scroller')
  }

  filter(label: 'Event type' | 'Signature verdict' | 'Provider') {
    return this.page.getByRole('search', { name: 'Filter deliveries' }).getByLabel(label)
  }

  /** Ticks these options of a multi-select filter (the URL follows each tick), then closes it. */
  async pick(label: 'Event type' | 'Signature verdict', options: string[]) {
    await this.filter(label).click()
    const menu = this.page.getByRole('menu', { name: label })
    for (const option of options)
      await menu.getByRole('menuitemcheckbox', { name: option, exact: true }).click()
    await this.page.keyboard.press('Escape')
    await expect(menu).toBeHidden()
  }

  get savedViews() {
    return this.page.getByRole('button', { name: 'Saved views' })
  }

  get search() {
    return this.page.getByRole('searchbox', { name: 'Search payloads' })
  }

  /** Removes every stored delivery through Clear log and waits for the empty state. */
  async clearLog() {
    await this.page.goto('/events')
    await this.page.getByRole('button', { name: 'Clear log' }).click()
    await this.page
      .getByRole('dialog', { name: 'Clear the event log?' })
      .getByRole('button', { name: /^Remove \d+ deliver/ })
      .click()
    await expect(this.page.getByRole('heading', { name: 'No deliveries yet' })).toBeVisible()
  }
}
