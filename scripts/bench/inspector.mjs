// Inspector benchmark: 100,000 stored deliveries, then the time from an action in the browser to
// the next painted row (select a row, j/k, filter by type) on the production build. Loopback only.
// Prints medians and p90 of repeated runs in one process; returns the rows for bench.mjs.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { chromium } from '@playwright/test'
import { chromiumLaunch } from '../../lib/test/chromium.mjs'
import { startOnFreshData } from '../../lib/test/processes.mjs'
import { median } from './stats.mjs'

const ROWS = Number(process.env.BENCH_INSPECTOR_ROWS ?? 100_000)
const REPEAT = 15
const ADMIN = { email: 'bench-inspector@console.test', password: 'benchmark password 123' }
const TYPES = [
  'avatar_video.success',
  'avatar_video.fail',
  'video_translate.success',
  'personalized_video',
]

const p90 = (v) =>
  [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.ceil(0.9 * v.length) - 1)]

/**
 * Fills the events table in one statement, through the embedded PostgreSQL the running server
 * started (its Unix socket and generated password live under the data directory).
 */
async function seed(dataDir) {
  const db = new pg.Client({
    host: path.resolve(dataDir, 'pg'),
    port: 5432,
    user: 'postgres',
    password: readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim(),
    database: 'postgres',
  })
  await db.connect()
  await db.query(`
    insert into events (provider, received_at, method, source_ip, content_type, size, headers, body, payload, parse_status,
                        event_type, correlation, verdict, rejected, response_status, dedupe_key)
    select 'konpro', now() - (i || ' seconds')::interval, 'POST', '127.0.0.1', 'application/json', 120,
           '{"content-type":"application/json"}'::jsonb,
           convert_to(json_build_object('event_type', t, 'event_data', json_build_object('video_id', 'v' || i))::text, 'UTF8'),
           json_build_object('event_type', t, 'event_data', json_build_object('video_id', 'v' || i))::jsonb,
           'ok', t, jsonb_build_object('video_id', 'v' || i), case when i % 7 = 0 then 'invalid' else 'verified' end, false, 200, 'bench-' || i
    from generate_series(1, ${ROWS}) as i, lateral (select (array['${TYPES.join("','")}'])[1 + i % ${TYPES.length}] as t) types`)
  const { rows } = await db.query('select count(*)::int as n from events')
  await db.end()
  return rows[0].n
}

/** Milliseconds from `act` until `painted` holds in a frame the browser has drawn. */
async function timeToPaint(page, act, painted, arg) {
  const start = await page.evaluate(() => performance.now())
  await act()
  // A function, not a string: the console's CSP forbids eval.
  await page.waitForFunction(painted, arg, { polling: 'raf', timeout: 20_000 })
  return page.evaluate(
    (t0) => new Promise((r) => requestAnimationFrame(() => r(performance.now() - t0))),
    start,
  )
}

export async function benchInspector() {
  const server = await startOnFreshData('bench-inspector-', ADMIN) // its start creates the schema
  const stored = await seed(server.dataDir)
  const browser = await chromium.launch(chromiumLaunch)
  const results = { stored, select: [], jk: [], filter: [] }
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    await page.goto(`${server.url}/login`)
    await page.getByLabel('Email').fill(ADMIN.email)
    await page.getByLabel('Password').fill(ADMIN.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(/\/endpoints/)
    for (let i = 0; i < REPEAT; i++) {
      await page.goto(`${server.url}/events`)
      await page.locator('[data-testid=connection-state][data-state=live]').waitFor()
      const row = page.getByTestId('event-row').nth(i % 5)
      const id = await row.getAttribute('data-event-id')
      results.select.push(
        await timeToPaint(
          page,
          () => row.getByRole('link').first().click(),
          (want) =>
            !!document.querySelector(
              `[data-testid=delivery-pane][aria-label="Delivery #${want}"] h2`,
            ),
          id,
        ),
      )
      for (let k = 0; k < 4; k++) {
        const key = k % 2 ? 'k' : 'j'
        const before = await page.evaluate(
          () => document.querySelector('[data-focused]')?.getAttribute('data-event-id') ?? null,
        )
        results.jk.push(
          await timeToPaint(
            page,
            () => page.keyboard.press(key),
            (was) => {
              const focused = document
                .querySelector('[data-focused]')
                ?.getAttribute('data-event-id')
              return (
                !!focused &&
                focused !== was &&
                !!document.querySelector(
                  `[data-testid=delivery-pane][aria-label="Delivery #${focused}"] h2`,
                )
              )
            },
            before,
          ),
        )
      }
      await page.keyboard.press('Escape')
      const type = TYPES[i % TYPES.length]
      // The menu opens first: the time runs from ticking the type to its rows painted.
      await page.getByRole('search', { name: 'Filter deliveries' }).getByLabel('Event type').click()
      const menu = page.getByRole('menu', { name: 'Event type' })
      results.filter.push(
        await timeToPaint(
          page,
          () => menu.getByRole('menuitemcheckbox', { name: type, exact: true }).click(),
          (want) => {
            const links = [...document.querySelectorAll('[data-testid=event-row] [data-row-link]')]
            return links.length > 0 && links.every((a) => a.textContent === want)
          },
          type,
        ),
      )
    }
  } finally {
    await browser.close()
    await server.stop()
  }
  const row = (name, v) => ({
    action: name,
    runs: v.length,
    medianMs: Math.round(median(v)),
    p90Ms: Math.round(p90(v)),
  })
  const rows = [
    row('select a row (detail painted)', results.select),
    row('j / k (next row focused)', results.jk),
    row('filter by type (first matching row painted)', results.filter),
  ]
  console.log(
    `\nInspector with ${stored.toLocaleString('en')} stored deliveries (time to the next painted row):`,
  )
  console.table(rows)
  return { stored, rows }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchInspector()
