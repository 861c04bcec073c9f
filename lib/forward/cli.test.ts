import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCli, stopCli } from './test-support'

// The real `konpro-console` process where no console is needed: what it refuses before it
// connects, and how. The complete run against the production build is in
// forward.integration.test.ts.
const TOKEN = `kpt_${'A'.repeat(43)}`

describe('konpro-console forward, before it connects', () => {
  let dir: string
  beforeAll(() => void (dir = mkdtempSync(path.join(tmpdir(), 'konpro-cli-'))))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  // A console that is not there: the forwarder only ever gets as far as trying to reach it.
  const args = (state: string, extra: string[] = []) => [
    'forward',
    '--url',
    'http://127.0.0.1:9',
    '--to',
    'http://127.0.0.1:9/webhooks',
    '--state',
    path.join(dir, state),
    ...extra,
  ]

  it('stops with exit code 2 on a damaged state file, saying what to do', async () => {
    writeFileSync(path.join(dir, 'damaged.json'), '{"console":"http://127.0.0.1:9","after":')
    const cli = startCli(args('damaged.json'), { KONPRO_CONSOLE_TOKEN: TOKEN })
    expect(await cli.exited).toBe(2)
    expect(cli.out.stderr).toContain(`The state file ${path.join(dir, 'damaged.json')} is unusable`)
    expect(cli.out.stderr).toContain('Delete it to start with new deliveries, or pass --since')
    expect(cli.out.stderr).not.toContain('Following')
  })

  it('starts where --since says despite a damaged state file', async () => {
    writeFileSync(path.join(dir, 'overridden.json'), 'not json')
    const cli = startCli(args('overridden.json', ['--since', '10m']), {
      KONPRO_CONSOLE_TOKEN: TOKEN,
    })
    await expect
      .poll(() => cli.out.stderr, { timeout: 10_000 })
      .toContain('Lost the connection to http://127.0.0.1:9')
    await stopCli(cli)
    expect(cli.out.stderr).not.toContain('unusable')
  })
})
