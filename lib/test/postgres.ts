import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import pg from 'pg'
import { scratchDataDir, startEmbeddedPostgres } from '../db/embedded'

// A role per run, so runs sharing one server (and the benchmark) never reset each other's password.
const ROLE = `konpro_console_test_${randomBytes(4).toString('hex')}`

function sh(cmd: string, args: string[]) {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

/**
 * Finds the PostgreSQL server for the database tests: TEST_DATABASE_URL when given, else the
 * machine's local cluster, started if it is down, with a throw-away role of our own. Fails loudly
 * when none can be reached unless SKIP_POSTGRES=1 says to skip those tests.
 */
export async function preparePostgres(): Promise<{
  adminUrl: string
  teardown: () => Promise<void>
} | null> {
  if (process.env.SKIP_POSTGRES === '1') {
    console.warn(
      '\nSKIP_POSTGRES=1: database tests run on the embedded PostgreSQL only; tests on the local PostgreSQL server are skipped.\n',
    )
    return null
  }
  if (process.env.TEST_DATABASE_URL) {
    await assertReachable(process.env.TEST_DATABASE_URL)
    return { adminUrl: process.env.TEST_DATABASE_URL, teardown: async () => {} }
  }
  try {
    const cluster = sh('pg_lsclusters', ['-h']).trim().split('\n')[0]?.split(/\s+/)
    if (!cluster || cluster.length < 4)
      throw new Error('no PostgreSQL cluster is installed (apt-get install -y postgresql)')
    const [version, name, port, status] = cluster as [string, string, string, string]
    if (status !== 'online') sh('pg_ctlcluster', [version, name, 'start'])
    const password = randomBytes(12).toString('hex')
    const psql = (query: string) =>
      sh('runuser', ['-u', 'postgres', '--', 'psql', '-p', port, '-qAtc', query])
    psql(`create role ${ROLE} with login createdb password '${password}'`)
    // `drop database ... with (force)` must also stop an autovacuum worker busy in a scratch database.
    psql(`grant pg_signal_backend to ${ROLE}`)
    const adminUrl = `postgres://${ROLE}:${password}@127.0.0.1:${port}/postgres`
    await assertReachable(adminUrl)
    const teardown = async () => {
      // Databases a crashed test left behind go with the role.
      const leftovers = psql(
        `select datname from pg_database d join pg_roles r on r.oid = d.datdba where r.rolname = '${ROLE}'`,
      ).trim()
      for (const db of leftovers.split('\n').filter(Boolean))
        psql(`drop database if exists ${db} with (force)`)
      psql(`drop role if exists ${ROLE}`)
    }
    return { adminUrl, teardown }
  } catch (error) {
    throw new Error(
      `PostgreSQL is needed for the database tests and could not be started: ${(error as Error).message}\n` +
        'Start it (see ../shared/TOOLCHAIN.md), point TEST_DATABASE_URL at a server, or set SKIP_POSTGRES=1 to skip those tests.',
    )
  }
}

async function assertReachable(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
    await client.query('select 1')
  } finally {
    await client.end().catch(() => {})
  }
}

/** Creates a throw-away database on the server; `drop` removes it. */
export async function createScratchDatabase(adminUrl: string) {
  const name = `konpro_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
}

/**
 * The embedded default for the database tests: one embedded PostgreSQL (as the console starts it
 * under DATA_DIR) in a throw-away directory for the whole run; each test makes its own database.
 */
export async function prepareEmbedded(): Promise<{
  adminUrl: string
  teardown: () => Promise<void>
}> {
  const dir = scratchDataDir('konpro-test-pg-')
  const server = await startEmbeddedPostgres(dir)
  return {
    adminUrl: server.url,
    teardown: async () => {
      await server.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
