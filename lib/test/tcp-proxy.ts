import net from 'node:net'

/**
 * A TCP proxy for tests. Each new connection goes to the next of `targets` in turn, as a
 * platform's router spreads requests over instances (`connections[i]` counts those sent to
 * targets[i]); `down()` cuts every open connection and refuses new ones, as a flaky network
 * would, until `up()`.
 */
export async function startTcpProxy(targets: Array<{ host?: string; port: number }>) {
  const sockets = new Set<net.Socket>()
  const connections = targets.map(() => 0)
  let next = 0
  let up = true
  const server = net.createServer((client) => {
    if (!up) return void client.destroy()
    const i = next++ % targets.length
    connections[i]!++
    const target = targets[i]!
    const upstream = net.connect(target.port, target.host ?? '127.0.0.1')
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => {})
    }
    client.pipe(upstream).pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    connections,
    /** Drops every open connection and refuses new ones. */
    down() {
      up = false
      for (const s of sockets) s.destroy()
    },
    up() {
      up = true
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
