// Runs every test: the production build first (the receiver's integration tests start it),
// then unit, database and integration tests (vitest), then the browser tests (Playwright), and
// prints one `N passed, N failed, N skipped` line for all of them.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }
rmSync('reports', { recursive: true, force: true })
mkdirSync('reports/screenshots', { recursive: true })

const run = (title, cmd, args) => {
  console.log(`\n=== ${title} ===`)
  return spawnSync(cmd, args, { stdio: 'inherit', env }).status === 0
}
const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null)

const buildOk = run('production build', 'node_modules/.bin/next', ['build'])
const unitOk =
  buildOk &&
  run('unit, database and integration tests', 'node_modules/.bin/vitest', [
    'run',
    '--reporter=default',
    '--reporter=json',
    '--outputFile.json=reports/vitest.json',
  ])
const e2eOk = buildOk && run('browser tests', 'node_modules/.bin/playwright', ['test'])

const vitest = readJson('reports/vitest.json')
const pw = readJson('reports/playwright.json')
const passed = (vitest?.numPassedTests ?? 0) + (pw?.stats.expected ?? 0) + (pw?.stats.flaky ?? 0)
const failed = (vitest?.numFailedTests ?? 0) + (pw?.stats.unexpected ?? 0)
const skipped =
  (vitest ? vitest.numPendingTests + vitest.numTodoTests : 0) + (pw?.stats.skipped ?? 0)
const ok = unitOk && buildOk && e2eOk && vitest && pw && failed === 0

console.log(
  `\nvitest: ${vitest ? `${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed` : 'no report'}`,
)
console.log(
  `playwright: ${pw ? `${pw.stats.expected} passed, ${pw.stats.unexpected} failed` : buildOk ? 'no report' : 'not run (build failed)'}`,
)
console.log(
  `${passed} passed, ${failed + (ok ? 0 : failed === 0 ? 1 : 0)} failed, ${skipped} skipped`,
)
process.exit(ok ? 0 : 1)
