import { spawn, execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { freePort } from './server'

const BINARY = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((p) => existsSync(p))

/** Debian's pgbouncer is installed (`apt-get install -y pgbouncer`). */
export const hasPgbouncer = () => BINARY !== undefined

/**
 * Starts Debian's PgBouncer in transaction mode, as Neon's and Vercel's pooled URLs run it, on
 * a free port in front of the server `serverUrl` names, with a generated config. Its port is not
 * 6432, so nothing can tell it is a pooler from the URL alone. `pooled(url)` rewrites a direct
 * URL on that server to go through it.
 */
export async function startPgbouncer(serverUrl: string) {
  if (!BINARY) throw new Error('pgbouncer is not installed: apt-get install -y pgbouncer')
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
  const child = spawn(BINARY, [files.ini], { stdio: ['ignore', 'ignore', 'pipe'], detached: true })
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const pooled = (url: string) => {
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
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    port,
    pooled,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await new Promise<void>((resolve) =>
          child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
        )
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function readLog(file: string) {
  try {
    return execFileSync('tail', ['-20', file], { encoding: 'utf8' })
  } catch {
    return ''
  }
}
