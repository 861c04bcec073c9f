import { createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

/**
 * A TCP listener that counts connections and never answers (or resets each one at once): it shows
 * whether a request was sent at all, whatever its protocol, and plays a silent or a resetting host.
 */
export async function startTcpTap(host = '127.0.0.1', { reset = false } = {}) {
  const sockets = new Set<Socket>()
  let connections = 0
  const server = createServer((socket) => {
    connections += 1
    if (reset) return void socket.resetAndDestroy()
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return connections
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A port on `host` that nothing listens on: bound once to learn a free number, then closed. */
export async function closedPort(host = '127.0.0.1'): Promise<number> {
  const tap = await startTcpTap(host)
  await tap.close()
  return tap.port
}

export type Tap = Awaited<ReturnType<typeof startTcpTap>>

/**
 * Internal addresses an outbound guard must refuse, each pointing at a tap that counts connections.
 * Loopback only: a regression must never send traffic to a real private or metadata address
 * (lib/net/outbound.test.ts checks those ranges without connecting).
 */
export const internalTargets = (v4: Tap, v6: Tap): Array<[name: string, url: string]> => [
  ['another port on 127.0.0.1', `http://127.0.0.1:${v4.port}/hook`],
  ['[::1]', `http://[::1]:${v6.port}/hook`],
  ['[::ffff:127.0.0.1]', `https://[::ffff:127.0.0.1]:${v4.port}/hook`],
  ['localhost', `http://localhost:${v4.port}/hook`],
]
