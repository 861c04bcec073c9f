import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import {
  cleanUpOrphan,
  scratchDataDir,
  startEmbeddedPostgres,
  type EmbeddedServer,
} from './embedded'

// The embedded default's life cycle, on its real binaries: first start (initdb), stop, restart,
// and a console killed with SIGKILL whose PostgreSQL lives on.
const dirs: string[] = []
const servers: EmbeddedServer[] = []
afterAll(async () => {
  for (const s of servers) await s.stop()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const fresh = () => {
  const dir = scratchDataDir('konpro-embedded-test-')
  dirs.push(dir)
  return dir
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function query<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text, values)).rows as T[]
  } finally {
    await client.end()
  }
}

/** A separate process (a console stand-in) that starts the embedded server, then is killed. */
async function startInChild(dir: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, '../test/fixtures/embedded-child.mts'), dir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let out = ''
  let err = ''
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  const started = await new Promise<{ pid: number; url: string }>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('\n')) resolve(JSON.parse(out))
    })
    child.once('exit', (code) => reject(new Error(`child exited (${code}): ${err}`)))
  })
  return { child, ...started }
}

describe('embedded PostgreSQL', () => {
  it('starts on a fresh directory with fsync on, a generated password and a socket in the data directory', async () => {
    const dir = fresh()
    const server = await startEmbeddedPostgres(dir)
    servers.push(server)
    const [settings] = await query<{ fsync: string; sync: string; listen: string }>(
      server.url,
      "select current_setting('fsync') as fsync, current_setting('synchronous_commit') as sync, current_setting('listen_addresses') as listen",
    )
    expect(settings).toEqual({ fsync: 'on', sync: 'on', listen: '' })
    const password = readFileSync(path.join(dir, 'pg-password'), 'utf8').trim()
    expect(password.length).toBeGreaterThanOrEqual(32)
    expect(server.url).toContain(encodeURIComponent(path.join(dir, 'pg')))
    // Without the password the server refuses.
    const wrong = server.url.replace(encodeURIComponent(password), 'wrong')
    await expect(query(wrong, 'select 1')).rejects.toThrow(/password authentication failed/)
    await server.stop()
    expect(alive(server.pid)).toBe(false)
  })

  it('stops with stop() and keeps its rows across a restart', async () => {
    const dir = fresh()
    const first = await startEmbeddedPostgres(dir)
    await query(first.url, 'create table kept (v text)')
    await query(first.url, "insert into kept values ('before restart')")
    await first.stop()
    expect(alive(first.pid)).toBe(false)
    expect(existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(false)
    const second = await startEmbeddedPostgres(dir)
    servers.push(second)
    expect(await query(second.url, 'select v from kept')).toEqual([{ v: 'before restart' }])
    await second.stop()
  })

  it('restarts after its console was killed with SIGKILL: the orphaned server is stopped first, no row is lost', async () => {
    const dir = fresh()
    const killed = await startInChild(dir)
    await query(killed.url, 'create table kept (v text)')
    await query(killed.url, "insert into kept values ('committed before the kill')")
    killed.child.kill('SIGKILL')
    await new Promise((r) => killed.child.once('exit', r))
    // The console is gone, its PostgreSQL is not: it is an orphan now.
    expect(alive(killed.pid)).toBe(true)
    const next = await startEmbeddedPostgres(dir)
    servers.push(next)
    expect(alive(killed.pid)).toBe(false)
    expect(next.pid).not.toBe(killed.pid)
    expect(await query(next.url, 'select v from kept')).toEqual([
      { v: 'committed before the kill' },
    ])
    await next.stop()
  })

  it('cleans up an orphan on its own, and refuses a cluster a live console is using', async () => {
    const dir = fresh()
    const owner = await startInChild(dir)
    try {
      // The child console is alive and is the server's parent: not an orphan.
      await expect(cleanUpOrphan(path.join(dir, 'pg'))).rejects.toThrow(/in use by another console/)
      expect(alive(owner.pid)).toBe(true)
    } finally {
      owner.child.kill('SIGKILL')
      await new Promise((r) => owner.child.once('exit', r))
    }
    expect(await cleanUpOrphan(path.join(dir, 'pg'))).toEqual({ stopped: owner.pid })
    expect(alive(owner.pid)).toBe(false)
    // Nothing left to clean up the second time.
    expect(await cleanUpOrphan(path.join(dir, 'pg'))).toEqual({ stopped: null })
  })

  it('treats a pid file naming a process that is not PostgreSQL as stale', async () => {
    const dir = fresh()
    const server = await startEmbeddedPostgres(dir)
    await server.stop()
    const pidFile = path.join(dir, 'pg', 'postmaster.pid')
    writeFileSync(pidFile, `${process.pid}\n${path.join(dir, 'pg')}\n`)
    expect(await cleanUpOrphan(path.join(dir, 'pg'))).toEqual({ stopped: null })
    expect(existsSync(pidFile)).toBe(false)
    const again = await startEmbeddedPostgres(dir)
    servers.push(again)
    await again.stop()
  })
})
