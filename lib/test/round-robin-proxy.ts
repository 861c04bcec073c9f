import net from 'node:net'

/**
 * A TCP load balancer for tests: each new connection goes to the next of `ports` in turn, as a
 * platform's router spreads requests over instances. `connections[i]` counts those sent to ports[i].
 */
export async function startRoundRobinProxy(ports: number[]) {
  const sockets = new Set<net.Socket>()
  const connections = ports.map(() => 0)
  let next = 0
  const server = net.createServer((client) => {
    const i = next++ % ports.length
    connections[i]!++
    const upstream = net.connect(ports[i]!, '127.0.0.1')
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
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
