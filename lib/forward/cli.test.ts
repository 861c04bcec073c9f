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

  it('explains itself with --help, exit code 0', async () => {
    const cli = startCli(['forward', '--help'])
    expect(await cli.exited).toBe(0)
    expect(cli.out.stdout).toContain('Usage: konpro-console forward [options]')
    for (const option of ['--url', '--token', '--to', '--provider', '--type', '--since', '--state'])
      expect(cli.out.stdout).toContain(`  ${option} <`)
    expect(cli.out.stdout).toContain('(env: KONPRO_CONSOLE_TOKEN)')
    expect(cli.out.stdout).toMatch(/^Example:$/m)
  })

  const valid = ['forward', '--url', 'http://127.0.0.1:9', '--to', 'http://127.0.0.1:9']
  it.each([
    [
      'a console that is not a URL',
      ['forward', '--url', 'console.example.com', '--to', 'http://127.0.0.1:9', '--token', TOKEN],
      '--url must be a full URL such as https://console.example.com.',
    ],
    [
      'a target that is not http',
      ['forward', '--url', 'http://127.0.0.1:9', '--to', 'ftp://127.0.0.1/', '--token', TOKEN],
      '--to must start with http:// or https://.',
    ],
    [
      'no --to',
      ['forward', '--url', 'http://127.0.0.1:9', '--token', TOKEN],
      "required option '--to <url>' not specified",
    ],
    [
      'no token',
      ['forward', '--url', 'http://127.0.0.1:9', '--to', 'http://127.0.0.1:9'],
      "required option '--token <token>' not specified",
    ],
    [
      'a password instead of a token',
      [
        'forward',
        '--url',
        'http://127.0.0.1:9',
        '--to',
        'http://127.0.0.1:9',
        '--token',
        'hunter2',
      ],
      '--token must be a personal access token starting with kpt_',
    ],
    [
      'an unknown provider',
      [...valid, '--token', TOKEN, '--provider', 'stripe'],
      'Allowed choices are konpro, kayle.',
    ],
    [
      'a --since that is neither a window nor an id',
      [...valid, '--token', TOKEN, '--since', 'yesterday'],
      '--since takes a duration such as 10m, 2h or 1d, or a delivery id; got "yesterday".',
    ],
    [
      'a timeout that is not a whole number',
      [...valid, '--token', TOKEN, '--timeout', '1.5'],
      "option '--timeout <ms>' argument '1.5' is invalid. must be a whole number of milliseconds.",
    ],
  ])('refuses %s with exit code 1, the reason and its usage', async (_, argv, reason) => {
    const cli = startCli(argv, { KONPRO_CONSOLE_TOKEN: undefined })
    expect(await cli.exited).toBe(1)
    expect(cli.out.stderr).toContain(reason)
    expect(cli.out.stderr).toContain('Usage: konpro-console forward [options]')
    expect(cli.out.stderr).not.toContain('Following')
  })
})
