// Regenerates docs/screenshot.png, the README's picture, from the production build (`npm run build`
// first): a console on an empty data directory of its own, its receiver registered with the
// sandbox, a mix of signed, unsigned and forged deliveries, and the split view open on one of them,
// at 1440x900 in the light theme.
import { spawn } from 'node:child_process'
import { createHmac, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { chromiumLaunch } from '../lib/test/chromium.mjs'

const PORT = Number(process.env.SCREENSHOT_PORT ?? 3390)
const BASE = `http://127.0.0.1:${PORT}`
const OUT = path.join(import.meta.dirname, '..', 'docs', 'screenshot.png')
const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' }
const dataDir = mkdtempSync(path.join(tmpdir(), 'konpro-screenshot-'))

// The same clean environment the browser tests give their servers: sandbox mode, no outside services.
const server = spawn('node', ['server.mjs', '-p', String(PORT), '-H', '127.0.0.1'], {
  cwd: path.join(import.meta.dirname, '..'),
  env: {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    DATA_DIR: dataDir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    KONPRO_API_KEY: '',
    KAYLE_API_KEY: '',
    DATABASE_URL: '',
    APP_URL: '',
    AUTH_SECRET: '',
    SANDBOX_ALLOW_HOSTS: '',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
  detached: true,
})

async function serverUp() {
  for (let i = 0; i < 120; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`)
    const ok = await fetch(`${BASE}/api/health`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`no answer from ${BASE}/api/health`)
}

const hex = (n) => randomBytes(n).toString('hex')

/** A KonPro-shaped delivery of `type`, with the ids KonPro's events carry. */
function payload(type) {
  const video = hex(8)
  const data = type.startsWith('video_translate')
    ? {
        video_translate_id: hex(8),
        callback_id: `cb_${hex(6)}`,
        url: `https://files.example.com/${video}.mp4`,
      }
    : {
        video_id: video,
        callback_id: `cb_${hex(6)}`,
        url: `https://files.example.com/${video}/final-render.mp4`,
        gif_download_url: `https://files.example.com/${video}.gif`,
        video_share_page_url: `https://app.konpro.ai/share/${video}`,
        folder_id: 'folder_launch',
      }
  if (type.endsWith('.fail'))
    Object.assign(data, { msg: 'Render failed: the avatar asset is missing.' })
  return JSON.stringify({ event_type: type, event_data: data })
}

const TYPES = [
  'avatar_video.success',
  'video_translate.success',
  'avatar_video.success',
  'personalized_video',
  'avatar_video.fail',
  'avatar_video.success',
  'video_translate.fail',
  'avatar_video.success',
]

let browser
try {
  await serverUp()
  browser = await chromium.launch(chromiumLaunch)
  const context = await browser.newContext({
    baseURL: BASE,
    viewport: { width: 1440, height: 900 },
    colorScheme: 'light',
    timezoneId: 'UTC',
    locale: 'en-GB',
  })
  const page = await context.newPage()
  await page.goto('/login')
  await page.getByLabel('Email').fill(ADMIN.email)
  await page.getByLabel('Password').fill(ADMIN.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(/\/konpro\/endpoints$/)

  // The receiver registered with the sandbox, and its secret, so deliveries verify.
  await page.goto('/events')
  await page.getByRole('button', { name: 'Register this receiver' }).click()
  await page.getByText('Registered with KonPro').first().waitFor()
  await page.goto('/konpro/endpoints')
  const row = page.getByTestId('endpoint-row').filter({ hasText: '/api/webhooks/konpro' })
  await row.getByRole('button', { name: 'Reveal secret' }).click()
  const secretField = row.getByTestId('secret-value')
  await page.waitForFunction(
    (el) => /^whsec_[^•]+$/.test(el?.textContent ?? ''),
    await secretField.elementHandle(),
  )
  const secret = (await secretField.textContent()).trim()

  const post = (body, headers = {}) =>
    context.request.post('/api/webhooks/konpro', {
      data: body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'KonPro-Webhooks/1.0',
        ...headers,
      },
    })
  const sign = (body, key = secret) => createHmac('sha256', key).update(body).digest('hex')
  for (const type of TYPES) {
    const body = payload(type)
    await post(body, { signature: sign(body) })
  }
  const forged = payload('avatar_video.success')
  await post(forged, { signature: sign(forged, 'not-the-secret') })
  await post('{"event_type": "avatar_video.success", oops}')

  // The split view, open on the newest verified delivery.
  await page.goto('/events')
  const verified = page.getByTestId('event-row').filter({ hasText: 'Verified' }).first()
  await verified.getByRole('link', { name: 'avatar_video.success' }).click()
  await page.waitForURL(/selected=\d+/)
  await page
    .getByTestId('delivery-pane')
    .getByRole('heading', { name: 'avatar_video.success' })
    .waitFor()
  await page.evaluate(() => document.fonts.ready)
  await page.mouse.move(0, 899)
  await page.screenshot({ path: OUT })
  console.log(`wrote ${path.relative(process.cwd(), OUT)}`)
} finally {
  await browser?.close()
  // The server's own children (its database) stop with it: kill its process group.
  try {
    process.kill(-server.pid, 'SIGTERM')
  } catch {}
  await new Promise((r) => (server.exitCode === null ? server.once('exit', r) : r()))
  rmSync(dataDir, { recursive: true, force: true })
}
