import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTs from 'eslint-config-next/typescript'
import globals from 'globals'

const config = [
  ...nextVitals,
  ...nextTs,
  // The Node entry points (server.mjs, scripts/) have no type check: catch what tsc would.
  {
    files: ['**/*.mjs'],
    rules: { 'no-redeclare': 'error', 'no-undef': 'error' },
    languageOptions: { globals: { ...globals.node } },
  },
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      '.data*/**',
      'test-results/**',
      'playwright-report/**',
      'reports/**',
      'next-env.d.ts',
      'lib/db/migrations/**',
    ],
  },
]

export default config
