import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A webhook target on 127.0.0.1: answers OPTIONS (KonPro's check) and records POSTs.
 * Paths under /broken answer 500 so the sandbox refuses them. The port is the one the server under
 * test allows in SANDBOX_ALLOW_HOSTS (playwright.config.ts).
 */
export async function startHookTarget(port: number) {
  const deliveries: Array<{ path: string; headers: IncomingHttpHeaders; body: string }> = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      if (req.url?.startsWith('/broken')) return res.writeHead(500).end()
      if (req.method === 'POST')
        deliveries.push({ path: req.url ?? '', headers: req.headers, body })
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    deliveries,
    close: () =>
      new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  }
}
