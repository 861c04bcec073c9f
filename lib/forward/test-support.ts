import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import net from 'node:net'

// For the tests that run the real `konpro-console forward` process: a local app that records
// what it gets, a proxy that can cut the connection to the console, and the process itself.

export interface Received {
  id: number
  method: string
  signature: string | undefined
  redelivery: string | undefined
  body: Buffer
}

/**
 * The local app: answers 204 to everything, except that `stall(id)` makes it take that
 * delivery and never answer it (as an app stopped in a debugger does), until `release()`.
 */
export function targetServer() {
  const received: Received[] = []
  let stalled: ((id: number) => boolean) | null = null
  const held: http.ServerResponse[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const id = Number(req.headers['x-konpro-console-delivery'])
      received.push({
        id,
        method: req.method!,
        signature: req.headers.signature as string | undefined,
        redelivery: req.headers['x-konpro-console-redelivery'] as string | undefined,
        body: Buffer.concat(chunks),
      })
      if (stalled?.(id)) return void held.push(res)
      res.writeHead(204).end()
    })
  })
  return {
    server,
    received,
    ids: () => received.map((r) => r.id),
    stall: (which: (id: number) => boolean) => (stalled = which),
    release: () => {
      stalled = null
      for (const res of held.splice(0)) res.destroy()
    },
  }
}

/**
 * Pipes to the console; `cut()` resets every open connection, as a dropped network does, and
 * `refuse(true)` resets new ones too until `refuse(false)`, so the outage lasts as long as a test needs.
 */
export function cuttableProxy(upstreamPort: number) {
  const sockets = new Set<net.Socket>()
  let refusing = false
  const server = net.createServer((client) => {
    if (refusing) return void client.on('error', () => {}).resetAndDestroy()
    const upstream = net.connect(upstreamPort, '127.0.0.1')
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => {})
    }
    client.pipe(upstream).pipe(client)
  })
  return {
    server,
    cut: () => sockets.forEach((s) => s.resetAndDestroy()),
    refuse: (on: boolean) => void (refusing = on),
    open: () => sockets.size,
  }
}

export const listen = (server: net.Server | http.Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
  )

export interface Cli {
  child: ChildProcess
  out: { stdout: string; stderr: string }
  /** Resolves to the exit code once the process has ended and its output is read. */
  exited: Promise<number | null>
}

/** Starts `konpro-console <args>` with `env` added to this process's environment (undefined: removed). */
export function startCli(args: string[], env: Record<string, string | undefined> = {}): Cli {
  const child = spawn(process.execPath, ['bin/konpro-console.mjs', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const out = { stdout: '', stderr: '' }
  child.stdout!.on('data', (d: Buffer) => (out.stdout += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (out.stderr += d.toString()))
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => resolve(code)),
  )
  return { child, out, exited }
}

/** Sends `signal` and waits until the process has ended. */
export async function stopCli(cli: Cli, signal: NodeJS.Signals = 'SIGTERM') {
  if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill(signal)
  await cli.exited
}
