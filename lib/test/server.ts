import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export const hasBuild = () => existsSync('.next/BUILD_ID')

/**
 * Runs the production build in its own process group, so a SIGKILL reaches every process of
 * it, and waits until /api/health answers. `server.mjs` is what `npm start` runs; `next start`
 * serves the receivers through their route files only, as on Vercel.
 */
export async function startServer(
  env: Record<string, string>,
  {
    port,
    via = 'server.mjs',
    ready = { method: 'GET', path: '/api/health' },
  }: {
    port?: number
    via?: 'server.mjs' | 'next start'
    ready?: { method: string; path: string }
  } = {},
) {
  const p = port ?? (await freePort())
  const [command, ...args] =
    via === 'next start' ? ['node_modules/.bin/next', 'start'] : [process.execPath, 'server.mjs']
  const child = spawn(command!, [...args, '-p', String(p), '-H', '127.0.0.1'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      KONPRO_API_KEY: '',
      ADMIN_EMAIL: '',
      ADMIN_PASSWORD: '',
      RECEIVER_RATE_LIMIT_PER_MINUTE: '10000000',
      ...env,
    },
  })
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const url = `http://127.0.0.1:${p}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${via} exited: ${stderr}`)
    try {
      if ((await fetch(`${url}${ready.path}`, { method: ready.method })).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${via} did not become healthy: ${stderr}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    try {
      process.kill(-child.pid!, signal)
    } catch {
      return
    }
    await new Promise<void>((resolve) =>
      child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
    )
    // next-server may outlive `next start` by a moment; wait until the port is free.
    for (let i = 0; i < 100; i++) {
      try {
        await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(200) })
        await new Promise((r) => setTimeout(r, 100))
      } catch {
        return
      }
    }
  }
  return { url, port: p, kill, stderr: () => stderr }
}
