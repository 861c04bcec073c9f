#!/usr/bin/env node
// konpro-console: command-line companion of the KonPro Webhook Console.
import { Command, InvalidArgumentError, Option } from 'commander'
import { forward, ForwardError, parseSince } from './forward/forward.mjs'

const program = new Command()
  .name('konpro-console')
  .description('Command-line companion of the KonPro Webhook Console.')
  .showHelpAfterError()

const httpUrl = (name, example) => (value) => {
  let url
  try {
    url = new URL(value)
  } catch {
    throw new InvalidArgumentError(`${name} must be a full URL such as ${example}.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidArgumentError(`${name} must start with http:// or https://.`)
  return url.href
}
const positive = (value) => {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError('must be a whole number of milliseconds.')
  return n
}

program
  .command('forward')
  .description(
    'Follow the live log and re-send every delivery (method, body bytes, headers with signatures) to a local URL, in the order they arrive, resuming after a disconnect or restart.',
  )
  .requiredOption(
    '--url <console>',
    'the console, e.g. https://console.example.com',
    httpUrl('--url', 'https://console.example.com'),
  )
  .addOption(
    new Option('--token <token>', 'a personal access token, kpt_… (Settings → Access tokens)')
      .env('KONPRO_CONSOLE_TOKEN')
      .makeOptionMandatory(),
  )
  .requiredOption(
    '--to <url>',
    'where to send each delivery, e.g. http://localhost:8080/webhooks',
    httpUrl('--to', 'http://localhost:8080/webhooks'),
  )
  .addOption(
    new Option('--provider <provider>', 'only deliveries from this provider').choices([
      'konpro',
      'kayle',
    ]),
  )
  .option('--type <event-type...>', 'only these event types, e.g. avatar_video.success')
  .option(
    '--since <10m|id>',
    'start with deliveries of the last 10m/2h/1d, or from this delivery id on (instead of the state file)',
    (value) => {
      try {
        parseSince(value)
      } catch (error) {
        throw new InvalidArgumentError(error.message)
      }
      return value
    },
  )
  .option(
    '--state <file>',
    'where the last forwarded delivery id is kept',
    '.konpro-console-forward.json',
  )
  .option('--timeout <ms>', 'how long to wait for the local app to answer', positive, 10_000)
  .addHelpText(
    'after',
    `
Example:
  $ konpro-console forward --url https://console.example.com --token kpt_... --to http://localhost:8080/webhooks
  2026-12-02T14:30:01.204Z  #1042  avatar_video.success          → 200  8.3 ms

Without --since, it starts with what arrives from now on, or after the delivery recorded in the state file.`,
  )
  .action(async (options, command) => {
    if (!options.token.startsWith('kpt_'))
      command.error(
        '--token must be a personal access token starting with kpt_ (Settings → Access tokens).',
      )
    const controller = new AbortController()
    // Ctrl-C or a kill finishes the delivery in flight and records it, so a restart neither repeats nor skips it.
    for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => controller.abort())
    try {
      await forward(options, { signal: controller.signal })
    } catch (error) {
      if (error instanceof ForwardError) {
        console.error(error.message)
        process.exit(2)
      }
      throw error
    }
  })

await program.parseAsync()
