// The processes the integration tests and the benchmarks start over real sockets: the production
// build (server.mjs or `next start`) and PgBouncer. Plain JavaScript so scripts/bench imports it as
// the tests do (through lib/test/server.ts and lib/test/pgbouncer.ts).
import { execFileSync, spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { freePort } from '../net/free-port.mjs'

export { freePort }

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

export const hasBuild = () => existsSync('.next/BUILD_ID')

/**
 * Spawns the production build in its own process group, so a signal reaches every process of it
 * (the embedded PostgreSQL included), without waiting for it: `ready()` waits until `ready.path`
 * answers. `server.mjs` is what `npm start` runs; `next start` serves the receivers through their
 * route files only, as on Vercel.
 */
export async function spawnServer(
  env,
  {
    port,
    via = 'server.mjs',
    ready = { method: 'GET', path: '/api/health' },
    timeoutMs = 60_000,
  } = {},
) {
  const p = port ?? (await freePort())
  const [command, ...args] =
    via === 'next start' ? ['node_modules/.bin/next', 'start'] : [process.execPath, 'server.mjs']
  const child = spawn(command, [...args, '-p', String(p), '-H', '127.0.0.1'], {
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
  child.stderr.on('data', (d) => (stderr += d.toString()))
  const url = `http://127.0.0.1:${p}`
  const exited = new Promise((resolve) =>
    child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
  )
  const signal = (name) => {
    try {
      process.kill(-child.pid, name)
      return true
    } catch {
      return false // the group is gone
    }
  }

  const waitReady = async () => {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${via} exited: ${stderr}`)
      try {
        if ((await fetch(`${url}${ready.path}`, { method: ready.method })).ok) return
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${via} did not become healthy: ${stderr}`)
      await sleep(100)
    }
  }

  /** Signals the group and waits until the server has exited and its port is free. */
  const kill = async (name = 'SIGTERM') => {
    if (!signal(name)) return
    await exited
    // next-server may outlive `next start` by a moment; wait until the port is free.
    for (let i = 0; i < 100; i++) {
      try {
        await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(200) })
        await sleep(100)
      } catch {
        return
      }
    }
  }

  /** SIGTERM (the console stops its embedded PostgreSQL cleanly), then SIGKILL to what is left. */
  const stop = async (graceMs = 500) => {
    signal('SIGTERM')
    await Promise.race([exited, sleep(graceMs)])
    await kill('SIGKILL')
  }

  return { url, port: p, pid: child.pid, ready: waitReady, kill, stop, stderr: () => stderr }
}

/** `spawnServer`, then waits until it answers; a server that never does is killed. */
export async function startServer(env, options) {
  const server = await spawnServer(env, options)
  try {
    await server.ready()
  } catch (error) {
    await server.kill('SIGKILL')
    throw error
  }
  return server
}

/**
 * `startServer` on the embedded default in a fresh DATA_DIR (under the system's temp directory,
 * named from `prefix`) with `admin` as its first user; `stop()` also removes the directory.
 */
export async function startOnFreshData(prefix, admin, env = {}, options) {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix))
  const removeData = () => rmSync(dataDir, { recursive: true, force: true })
  const server = await startServer(
    {
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      ...env,
    },
    options,
  ).catch((error) => {
    removeData()
    throw error
  })
  return {
    ...server,
    dataDir,
    stop: async (graceMs) => {
      await server.stop(graceMs)
      removeData()
    },
  }
}

/** Signs in through the public route; answers the session cookie (`name=value`). */
export async function sessionCookie(url, { email, password }) {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password }),
  })
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`)
  const cookie = /(?:__Host-)?konpro_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')
  if (!cookie) throw new Error('sign-in set no session cookie')
  return cookie[0]
}

const PGBOUNCER = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((p) => existsSync(p))

/** Debian's pgbouncer is installed (`apt-get install -y pgbouncer`). */
export const hasPgbouncer = () => PGBOUNCER !== undefined

/**
 * Starts Debian's PgBouncer in transaction mode, as Neon's and Vercel's pooled URLs run it, on
 * a free port in front of the server `serverUrl` names, with a generated config. Its port is not
 * 6432, so nothing can tell it is a pooler from the URL alone. `pooled(url)` rewrites a direct
 * URL on that server to go through it.
 */
export async function startPgbouncer(serverUrl) {
  if (!PGBOUNCER) throw new Error('pgbouncer is not installed: apt-get install -y pgbouncer')
  const server = new URL(serverUrl)
  const port = await freePort()
  const dir = mkdtempSync(path.join(tmpdir(), 'konpro-pgbouncer-'))
  chmodSync(dir, 0o777)
  const user = decodeURIComponent(server.username)
  const files = {
    ini: path.join(dir, 'pgbouncer.ini'),
    users: path.join(dir, 'userlist.txt'),
    log: path.join(dir, 'pgbouncer.log'),
  }
  writeFileSync(files.users, `"${user}" "${decodeURIComponent(server.password)}"\n`)
  writeFileSync(
    files.ini,
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = scram-sha-256',
      `auth_file = ${files.users}`,
      'pool_mode = transaction',
      'max_client_conn = 500',
      'default_pool_size = 20',
      'ignore_startup_parameters = extra_float_digits,options',
      `logfile = ${files.log}`,
      // PgBouncer refuses to run as root; started by root it changes to this user.
      ...(process.getuid?.() === 0 ? ['user = postgres'] : []),
    ].join('\n') + '\n',
  )
  for (const f of [files.ini, files.users]) chmodSync(f, 0o644)
  const child = spawn(PGBOUNCER, [files.ini], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  })
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d.toString()))
  const pooled = (url) => {
    const u = new URL(url)
    u.hostname = '127.0.0.1'
    u.port = String(port)
    return u.toString()
  }
  const deadline = Date.now() + 10_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited: ${stderr}${readLog(files.log)}`)
    const client = new pg.Client({
      connectionString: pooled(serverUrl),
      connectionTimeoutMillis: 1000,
    })
    client.on('error', () => {})
    try {
      await client.connect()
      await client.query('select 1')
      await client.end()
      break
    } catch {
      await client.end().catch(() => {})
    }
    if (Date.now() > deadline)
      throw new Error(`pgbouncer did not accept connections: ${stderr}${readLog(files.log)}`)
    await sleep(100)
  }
  return {
    port,
    pooled,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await new Promise((resolve) =>
          child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
        )
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function readLog(file) {
  try {
    return execFileSync('tail', ['-20', file], { encoding: 'utf8' })
  } catch {
    return ''
  }
}
