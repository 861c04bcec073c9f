// A free loopback port, for the embedded PostgreSQL and for the tests and benchmarks that start
// servers of their own. Plain JavaScript so the Node scripts (scripts/bench) import it as is.
import { createServer } from 'node:net'

/** A TCP port on 127.0.0.1 that was free a moment ago: bound to learn its number, then closed. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
      server.close(() => resolve(port))
    })
  })
}
