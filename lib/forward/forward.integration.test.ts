import { spawn, type ChildProcess } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInCookie } from '../test/actions'
import { freePort, hasBuild, startServer } from '../test/server'
import { createTokenVia } from '../tokens/test-support'

// The real `konpro-console forward` process against the production build, through a TCP proxy
// that cuts every connection mid-stream, then killed and started again: each delivery reaches the
// local app exactly once, in order, with its body bytes and signature header unchanged.
const ADMIN = { email: 'admin@forward.test', password: 'correct horse battery staple' }

interface Received {
  id: number
  method: string
  signature: string | undefined
  body: Buffer
}

function targetServer() {
  const received: Received[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({
        id: Number(req.headers['x-konpro-console-delivery']),
        method: req.method!,
        signature: req.headers.signature as string | undefined,
        body: Buffer.concat(chunks),
      })
      res.writeHead(204).end()
    })
  })
  return { server, received }
}

/** Pipes to the console; `cut()` resets every open connection, as a dropped network does. */
function cuttableProxy(upstreamPort: number) {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((client) => {
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
    open: () => sockets.size,
  }
}

const listen = (server: net.Server | http.Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
  )

describe.skipIf(!hasBuild())('konpro-console forward, end to end', () => {
  let consoleServer: Awaited<ReturnType<typeof startServer>>
  let dir: string
  let token: string
  const target = targetServer()
  let proxy: ReturnType<typeof cuttableProxy>
  let targetPort: number
  let proxyPort: number
  const children: ChildProcess[] = []

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'konpro-forward-'))
    consoleServer = await startServer(
      {
        DATA_DIR: path.join(dir, 'data'),
        DATABASE_URL: '',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
      },
      { port: await freePort() },
    )
    token = await createTokenVia(
      consoleServer.url,
      await signInCookie(consoleServer.url, ADMIN.email, ADMIN.password),
      'forwarder',
    )
    targetPort = await listen(target.server)
    proxy = cuttableProxy(consoleServer.port)
    proxyPort = await listen(proxy.server)
  })
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
    proxy?.cut()
    proxy?.server.close()
    target.server.close()
    await consoleServer?.kill()
    rmSync(dir, { recursive: true, force: true })
  })

  const startCli = () => {
    const child = spawn(
      process.execPath,
      [
        'bin/konpro-console.mjs',
        'forward',
        '--url',
        `http://127.0.0.1:${proxyPort}`,
        '--to',
        `http://127.0.0.1:${targetPort}/webhooks`,
        '--state',
        path.join(dir, 'state.json'),
      ],
      { env: { ...process.env, KONPRO_CONSOLE_TOKEN: token }, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    children.push(child)
    const out = { stdout: '', stderr: '' }
    child.stdout!.on('data', (d: Buffer) => (out.stdout += d.toString()))
    child.stderr!.on('data', (d: Buffer) => (out.stderr += d.toString()))
    return { child, out }
  }

  const sent: Array<{ id: number; body: string; signature: string }> = []
  const deliver = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const body = JSON.stringify({
        event_type: 'avatar_video.success',
        event_data: { video_id: `forward-${sent.length}`, note: 'ünïcode ✓' },
      })
      const signature = createHmac('sha256', 'not-registered').update(body).digest('hex')
      const res = await fetch(`${consoleServer.url}/api/webhooks/konpro`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', signature },
        body,
      })
      sent.push({ id: Number(((await res.json()) as { id: string }).id), body, signature })
      await new Promise((r) => setTimeout(r, 15))
    }
  }

  it('delivers every delivery exactly once, in order, across a cut connection and a restart', async () => {
    const first = startCli()
    await expect.poll(() => first.out.stderr, { timeout: 20_000 }).toContain('Following')

    // Cut every connection while deliveries are still arriving.
    const burst = deliver(30)
    await expect.poll(() => target.received.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(5)
    expect(proxy.open()).toBeGreaterThan(0)
    proxy.cut()
    await burst
    await expect.poll(() => first.out.stderr, { timeout: 20_000 }).toContain('Lost the connection')
    await expect.poll(() => target.received.length, { timeout: 30_000 }).toBe(30)

    // Stop it while a burst is being forwarded; what arrives meanwhile waits in the console.
    const second = deliver(30)
    await expect.poll(() => target.received.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(35)
    first.child.kill('SIGTERM')
    await new Promise((r) => first.child.once('exit', r))
    await second
    const beforeRestart = target.received.length
    expect(beforeRestart).toBeLessThan(60)
    const state = JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8')) as {
      after: number
    }
    expect(state.after).toBe(target.received.at(-1)!.id)

    const restarted = startCli()
    await expect
      .poll(() => restarted.out.stderr, { timeout: 20_000 })
      .toContain(`Resuming after delivery #${state.after}`)
    await expect.poll(() => target.received.length, { timeout: 30_000 }).toBe(60)
    await new Promise((r) => setTimeout(r, 1_500))
    restarted.child.kill('SIGTERM')

    const ids = target.received.map((r) => r.id)
    expect(ids).toEqual(sent.map((s) => s.id))
    for (const [i, r] of target.received.entries()) {
      expect(r.method).toBe('POST')
      expect(r.signature).toBe(sent[i]!.signature)
      expect(r.body.equals(Buffer.from(sent[i]!.body))).toBe(true)
    }
    // One line per delivery: time, id, type, the local status and latency.
    expect(restarted.out.stdout).toMatch(
      new RegExp(
        `^\\S+Z  #${sent.at(-1)!.id}  avatar_video\\.success\\s+→ 204  \\d+\\.\\d ms$`,
        'm',
      ),
    )
  }, 180_000)
})
