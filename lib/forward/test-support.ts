import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { signInCookie } from '../test/actions'
import { freePort, startServer } from '../test/server'
import { createTokenVia } from '../tokens/test-support'

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

/**
 * One console (the production build on `env()`, with `admin`) for a file's forwarder tests, an
 * access token for it and a cuttable proxy in front of it; each test starts local apps and
 * forwarders, all stopped after the file. `stateDir()` holds the forwarders' state files.
 */
export function forwardSuite(
  env: () => Record<string, string>,
  admin: { email: string; password: string },
  stateDir: () => string,
) {
  let consoleServer: Awaited<ReturnType<typeof startServer>>
  let cookie: string
  let token: string
  let proxy: ReturnType<typeof cuttableProxy>
  let proxyPort: number
  const targets: Array<ReturnType<typeof targetServer>> = []
  const clis: Cli[] = []

  beforeAll(async () => {
    consoleServer = await startServer(
      { ...env(), ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password },
      { port: await freePort() },
    )
    cookie = await signInCookie(consoleServer.url, admin.email, admin.password)
    token = await createTokenVia(consoleServer.url, cookie, 'forwarder')
    proxy = cuttableProxy(consoleServer.port)
    proxyPort = await listen(proxy.server)
  }, 90_000)
  afterAll(async () => {
    await Promise.all(clis.map((c) => stopCli(c, 'SIGKILL')))
    proxy?.cut()
    proxy?.server.close()
    for (const t of targets) t.server.close()
    await consoleServer?.kill()
  })

  return {
    console: () => consoleServer,
    cookie: () => cookie,
    token: () => token,
    proxy: () => proxy,
    /** A fresh local app, listening. */
    async newTarget() {
      const target = targetServer()
      targets.push(target)
      return { ...target, port: await listen(target.server) }
    },
    /** `forward` through the proxy to the local app on `targetPort`, its state in `state`. */
    startForward(targetPort: number, state: string, extra: string[] = [], withToken = token) {
      const cli = startCli(
        [
          'forward',
          '--url',
          `http://127.0.0.1:${proxyPort}`,
          '--to',
          `http://127.0.0.1:${targetPort}/webhooks`,
          '--state',
          path.join(stateDir(), state),
          ...extra,
        ],
        { KONPRO_CONSOLE_TOKEN: withToken },
      )
      clis.push(cli)
      return cli
    },
  }
}
