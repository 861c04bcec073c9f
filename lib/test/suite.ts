import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser } from '@playwright/test'
import { afterAll, beforeAll } from 'vitest'
import { launchBrowser } from './browser'
import { createScratchDatabase } from './postgres'
import { startServer, type BuildServer, type ServerOptions } from './server'

// What a suite of integration tests shares: each made in a beforeAll and released in an afterAll.
// Vitest runs afterAll hooks last registered first, so a server registered after its database
// stops before the database goes. Each answers a getter, usable once the beforeAll has run.

function holder<T>(what: string) {
  let value: T | undefined
  return {
    set: (v: T) => (value = v),
    peek: () => value,
    get: (): T => {
      if (value === undefined) throw new Error(`${what} is made in beforeAll`)
      return value
    },
  }
}

type Scratch = Awaited<ReturnType<typeof createScratchDatabase>>

/** A fresh database on the PostgreSQL server `adminUrl` names, dropped after the suite. */
export function suiteScratchDatabase(adminUrl: string): () => Scratch {
  const scratch = holder<Scratch>('the scratch database')
  beforeAll(async () => void scratch.set(await createScratchDatabase(adminUrl)))
  afterAll(async () => await scratch.peek()?.drop())
  return scratch.get
}

/** An empty DATA_DIR (the embedded default's home) for the suite, removed after it. */
export function suiteDataDir(prefix: string): () => string {
  const dir = holder<string>('the data directory')
  beforeAll(() => void dir.set(mkdtempSync(path.join(tmpdir(), prefix))))
  afterAll(() => {
    const d = dir.peek()
    if (d) rmSync(d, { recursive: true, force: true })
  })
  return dir.get
}

/**
 * The production build for the suite, started with `env()` (read once the hooks registered
 * before it have run) and stopped after it with `signal`.
 */
export function suiteServer(
  env: () => Record<string, string>,
  { signal = 'SIGTERM', ...options }: ServerOptions & { signal?: NodeJS.Signals } = {},
): () => BuildServer {
  const server = holder<BuildServer>('the server')
  beforeAll(async () => void server.set(await startServer(env(), options)), 90_000)
  afterAll(async () => await server.peek()?.kill(signal))
  return server.get
}

/** Debian's Chromium for the suite, closed after it. */
export function suiteBrowser(): () => Browser {
  const browser = holder<Browser>('the browser')
  beforeAll(async () => void browser.set(await launchBrowser()))
  afterAll(async () => await browser.peek()?.close())
  return browser.get
}

/** The environment that makes `admin` the first user of a console. */
export const adminEnv = (admin: { email: string; password: string }) => ({
  ADMIN_EMAIL: admin.email,
  ADMIN_PASSWORD: admin.password,
})
