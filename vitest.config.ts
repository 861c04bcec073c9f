import { defineConfig } from 'vitest/config'
import path from 'node:path'

export default defineConfig({
  resolve: { alias: { '@': import.meta.dirname } },
  test: {
    include: ['{lib,app,components,scripts}/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./lib/test/global-setup.ts'],
    // `server-only` throws outside React's server build; tests import server modules directly.
    alias: { 'server-only': path.join(import.meta.dirname, 'lib/test/server-only-stub.ts') },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
