import { defineConfig } from '@playwright/test'
import { chromiumLaunch } from './lib/test/chromium.mjs'

const PORT = Number(process.env.E2E_PORT ?? 3100)
export const E2E_DATA_DIR = '.data-e2e'
/** A second server in "real API" mode, talking to a KonPro stand-in the tests start on FAKE_KONPRO_PORT. */
export const API_MODE_PORT = PORT + 1
export const FAKE_KONPRO_PORT = PORT + 90
/**
 * The webhook target e2e/endpoints.spec.ts starts on 127.0.0.1. The sandbox refuses loopback
 * targets; the main server opts this one port in with SANDBOX_ALLOW_HOSTS.
 */
export const HOOK_TARGET_PORT = PORT + 92
export const E2E_API_KEY = 'kp_e2e_9f4c2a7d1b8e6035fa41c9d27e8b5a60'
/** A third server that starts with no users, for first-run setup and access tests. */
export const FRESH_PORT = PORT + 2
/** The KonPro stand-in the fresh server reaches once an admin stores a key in Settings. */
export const FRESH_KONPRO_PORT = PORT + 91
/**
 * A fourth server whose Kayle is a local server following Kayle's documentation
 * (lib/test/kayle-doc-server.ts), which e2e/kayle-doc.spec.ts starts on KAYLE_DOC_PORT.
 */
export const KAYLE_DOC_MODE_PORT = PORT + 3
export const KAYLE_DOC_PORT = PORT + 93
export const E2E_KAYLE_API_KEY = 'kayle_e2e_4b1d8e2f6a9c3057e1d2b4a6c8f0e1a3'
export const E2E_ADMIN = { email: 'admin@e2e.test', password: 'correct horse battery staple' }
export const ADMIN_STATE = 'reports/.auth/admin.json'

const serverEnv = {
  NEXT_TELEMETRY_DISABLED: '1',
  SANDBOX_ALLOW_HOSTS: '',
  KONPRO_API_KEY: '',
  KAYLE_API_KEY: '',
  DATABASE_URL: '',
  APP_URL: '',
  AUTH_SECRET: '',
  ADMIN_EMAIL: E2E_ADMIN.email,
  ADMIN_PASSWORD: E2E_ADMIN.password,
}

/** `node server.mjs` on `port`, with `dataDir` emptied first and `env` over the shared defaults. */
function consoleServer(port: number, dataDir: string, env: Record<string, string>) {
  return {
    command: `rm -rf ${dataDir} && node server.mjs -p ${port} -H 127.0.0.1`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { ...serverEnv, DATA_DIR: dataDir, ...env },
  }
}

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: chromiumLaunch,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'sign-in', testMatch: /auth\.setup\.ts/ },
    {
      name: 'chromium',
      dependencies: ['sign-in'],
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        storageState: ADMIN_STATE,
      },
    },
  ],
  // The production build, each server on a data directory of its own that starts empty for every run.
  webServer: [
    consoleServer(PORT, E2E_DATA_DIR, { SANDBOX_ALLOW_HOSTS: `127.0.0.1:${HOOK_TARGET_PORT}` }),
    consoleServer(API_MODE_PORT, `${E2E_DATA_DIR}-api`, {
      KONPRO_API_KEY: E2E_API_KEY,
      KONPRO_API_BASE_URL: `http://127.0.0.1:${FAKE_KONPRO_PORT}`,
    }),
    consoleServer(KAYLE_DOC_MODE_PORT, `${E2E_DATA_DIR}-kayle`, {
      KAYLE_API_KEY: E2E_KAYLE_API_KEY,
      KAYLE_API_BASE_URL: `http://127.0.0.1:${KAYLE_DOC_PORT}`,
    }),
    consoleServer(FRESH_PORT, `${E2E_DATA_DIR}-fresh`, {
      ADMIN_EMAIL: '',
      ADMIN_PASSWORD: '',
      KONPRO_API_BASE_URL: `http://127.0.0.1:${FRESH_KONPRO_PORT}`,
    }),
  ],
})
