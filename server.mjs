// Serves the production build as `next start` does, with one addition: the webhook receivers'
// requests and the live stream skip Next's router and go straight to the handlers their route
// files share (lib/fast-path.ts). On a small request Next's routing costs more than the receiver
// itself, and with many browsers open its web-stream plumbing costs more than the stream's
// writes, so this is what lets one process store thousands of deliveries a second.
// Usage: node server.mjs [-p port] [-H hostname]   (PORT is read too; default 3000)
import { createServer } from 'node:http'
import { parseArgs } from 'node:util'
import receivers from './lib/webhooks/receivers.json' with { type: 'json' }

process.env.NODE_ENV = 'production'
process.env.NEXT_TELEMETRY_DISABLED ??= '1'
const { values } = parseArgs({
  options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } },
})
const port = Number(values.port ?? process.env.PORT ?? 3000)
const hostname = values.hostname // unset: every interface, like `next start`
// As `next start` does: the built-in sandboxes call back into this process on its own port.
process.env.PORT = String(port)

const { default: next } = await import('next')
const app = next({ dev: false, hostname: hostname ?? 'localhost', port })
const handle = app.getRequestHandler()
await app.prepare()

const receiverPaths = new Set(Object.values(receivers.paths))
const optionsHeaders = { ...receivers.headers, allow: 'OPTIONS, POST', 'content-length': '0' }
const FAST_PATH_KEY = Symbol.for('konpro-console.fast-path')

const server = createServer((req, res) => {
  // The socket's address, for lib/webhooks/client-address.ts; whatever a client sent under this
  // name is replaced, so only forwarding headers from a trusted proxy can speak for the sender.
  req.headers['x-konpro-peer'] = req.socket.remoteAddress ?? ''
  // KonPro checks a new endpoint with OPTIONS and a one-second timeout: answer before Next or
  // the database is involved.
  if (req.method === 'OPTIONS' && receiverPaths.has(req.url?.split('?')[0]))
    return void res.writeHead(200, optionsHeaders).end()
  // Registered by instrumentation once the database is open (see the warm-up below).
  if (globalThis[FAST_PATH_KEY]?.(req, res)) return
  void handle(req, res)
})
// Next opens the database on its first request. Make that request on a loopback port of our own
// first, so the public port opens ready: no sender ever waits on the database being opened
// (a first start of the embedded PostgreSQL runs initdb, a second or more).
const warmUp = createServer(handle)
await new Promise((resolve) => warmUp.listen(0, '127.0.0.1', resolve))
await fetch(`http://127.0.0.1:${warmUp.address().port}/api/health`).catch(() => {})
warmUp.closeAllConnections()
warmUp.close()

server.listen(port, hostname, () =>
  console.log(`Ready on http://${hostname ?? 'localhost'}:${port}`),
)
