// Receiver benchmark: starts the production build (server.mjs, as `npm start` does) on PGlite and
// on PostgreSQL and measures throughput and latency of the receiver, OPTIONS under load, live
// latency to an SSE client, and peak memory; then the busiest row once more under `next start`.
// Loopback only; every loop is bounded. Prints a table, writes bench/results.json.
import { execFileSync, spawn } from 'node:child_process'
import { createHmac, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

const ADMIN = { email: 'bench@console.test', password: 'benchmark password 123' }
const AUTH_SECRET = randomBytes(32).toString('hex')

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const pct = (values, p) => {
  if (!values.length) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

/** RSS of every process in the server's process group. */
function groupRssBytes(pgid) {
  let total = 0
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(fields[2]) !== pgid) continue
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
      if (rss) total += Number(rss[1]) * 1024
    } catch {
      // process ended while reading
    }
  }
  return total
}

/** `npm start`'s server.mjs by default; `next start` serves the receivers through Next's router. */
async function startServer(env, via = 'server.mjs') {
  const port = await freePort()
  const [command, ...args] = via === 'next start' ? ['node_modules/.bin/next', 'start'] : [process.execPath, 'server.mjs']
  const child = spawn(command, [...args, '-p', String(port), '-H', '127.0.0.1'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', KONPRO_API_KEY: '', RECEIVER_RATE_LIMIT_PER_MINUTE: '10000000', ...ADMIN_ENV, ...env },
  })
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    if (child.exitCode !== null || i > 600) throw new Error(`the server did not start: ${stderr}`)
    try {
      if ((await fetch(`${url}/api/health`)).ok) break
    } catch {}
    await sleep(100)
  }
  let peak = 0
  const sampler = setInterval(() => (peak = Math.max(peak, groupRssBytes(child.pid))), 200)
  return {
    url,
    peak: () => peak,
    stop: async () => {
      clearInterval(sampler)
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {}
      await sleep(500)
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {}
    },
  }
}
const ADMIN_ENV = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }

function payload(bytes, marker) {
  const base = { event_type: 'avatar_video.success', event_data: { video_id: marker, callback_id: 'bench', url: 'https://files.example.com/v.mp4', padding: '' } }
  const overhead = JSON.stringify(base).length
  base.event_data.padding = 'x'.repeat(Math.max(0, bytes - overhead))
  const body = JSON.stringify(base)
  return { body, signature: createHmac('sha256', 'bench-secret').update(body).digest('hex') }
}

// node:http with keep-alive: a lighter client than fetch, so the load generator, which shares
// the machine's two cores with the server, takes less of them.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
function request(url, method, body, headers = {}) {
  return new Promise((resolve) => {
    const req = http.request(url, { method, agent, headers: body ? { ...headers, 'content-length': Buffer.byteLength(body) } : headers }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode))
    })
    // A reset connection (say, a keep-alive socket the server closed as it was reused) is a
    // failed request, counted as such, not the end of the run.
    req.on('error', () => resolve(0))
    req.end(body)
  })
}

async function post(url, { body, signature }) {
  const started = performance.now()
  const status = await request(`${url}/api/webhooks/konpro`, 'POST', body, { 'content-type': 'application/json', signature })
  return { ms: performance.now() - started, status }
}

/** `total` POSTs with `concurrency` in flight; returns throughput and latency percentiles. */
async function load(url, { bytes, concurrency, total }) {
  const latencies = []
  let next = 0
  let ok = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++
        const r = await post(url, payload(bytes, `load-${next}`))
        latencies.push(r.ms)
        if (r.status === 200) ok++
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  return { requests: total, ok, perSecond: Math.round(ok / seconds), p50: pct(latencies, 50), p99: pct(latencies, 99) }
}

async function optionsProbe(url, until) {
  const latencies = []
  while (!until.done) {
    const started = performance.now()
    await request(`${url}/api/webhooks/konpro`, 'OPTIONS')
    latencies.push(performance.now() - started)
    await sleep(20)
  }
  return latencies
}

async function signIn(url) {
  const res = await fetch(`${url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify(ADMIN) })
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`)
  return /konpro_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')[0]
}

/** 500 deliveries at 50/s; latency from POST sent to the event arriving on an SSE client. */
async function liveLatency(url) {
  const cookie = await signIn(url)
  const controller = new AbortController()
  const res = await fetch(`${url}/api/events/stream`, { headers: { cookie }, signal: controller.signal })
  const sentAt = new Map()
  const latencies = []
  const reader = res.body.getReader()
  const decoder = new TextDecoder()
  const reading = (async () => {
    let buffer = ''
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        buffer += decoder.decode(value, { stream: true })
        let cut
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, cut)
          buffer = buffer.slice(cut + 2)
          const data = frame.split('\n').find((l) => l.startsWith('data: '))
          if (!data) continue
          const marker = JSON.parse(data.slice(6)).videoId
          if (sentAt.has(marker)) latencies.push(performance.now() - sentAt.get(marker))
        }
      }
    } catch {}
  })()
  await sleep(300)
  const posts = []
  for (let i = 0; i < 500; i++) {
    const marker = `live-${i}`
    sentAt.set(marker, performance.now())
    posts.push(post(url, payload(600, marker)))
    await sleep(20)
  }
  const accepted = (await Promise.all(posts)).filter((r) => r.status === 200).length
  for (let i = 0; i < 50 && latencies.length < accepted; i++) await sleep(100)
  controller.abort()
  await reading
  // Lost: answered 200 but never shown on the stream.
  return { sent: 500, accepted, received: latencies.length, lost: accepted - latencies.length, p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99) }
}

const RUNS = 5
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** One load shape, run RUNS times; the run with the median throughput is reported. */
async function measure(url, db, bytes, concurrency) {
  const total = bytes === 600 ? { 1: 300, 10: 1500, 50: 4000 }[concurrency] : { 1: 100, 10: 300, 50: 500 }[concurrency]
  const runs = []
  for (let i = 0; i < RUNS; i++) {
    const until = { done: false }
    const probe = concurrency === 50 ? optionsProbe(url, until) : Promise.resolve([])
    const result = await load(url, { bytes, concurrency, total })
    until.done = true
    const options = await probe
    runs.push({ ...result, optionsP99: options.length ? pct(options, 99) : null, optionsMax: options.length ? Math.max(...options) : null })
  }
  const mid = median(runs.map((r) => r.perSecond))
  const row = { db, payload: bytes === 600 ? '600 B' : '256 KiB', concurrency, ...runs.find((r) => r.perSecond === mid), runsPerSecond: runs.map((r) => r.perSecond) }
  console.log(`  ${db} ${row.payload} c=${concurrency}: ${row.perSecond}/s (runs ${row.runsPerSecond.join(', ')}) p50 ${row.p50.toFixed(1)} ms p99 ${row.p99.toFixed(1)} ms`)
  return row
}

async function benchDatabase(name, env) {
  const server = await startServer(env)
  const rows = []
  try {
    await post(server.url, payload(600, 'warm-up'))
    for (const bytes of [600, 256 * 1024]) {
      for (const concurrency of [1, 10, 50]) rows.push(await measure(server.url, name, bytes, concurrency))
    }
    const live = await liveLatency(server.url)
    console.log(`  ${name} live: p95 ${live.p95.toFixed(1)} ms, ${live.accepted} of 500 accepted, lost ${live.lost}`)
    return { rows, live, peakRssMiB: Math.round(server.peak() / 1024 / 1024) }
  } finally {
    await server.stop()
  }
}

/** The same load through Next's router (`next start`), for the ratio server.mjs buys. */
async function benchNextStart(env) {
  const server = await startServer(env, 'next start')
  try {
    await post(server.url, payload(600, 'warm-up'))
    return await measure(server.url, 'postgres, next start', 600, 50)
  } finally {
    await server.stop()
  }
}

function localPostgres() {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL
  const [version, cluster, port, status] = execFileSync('pg_lsclusters', ['-h'], { encoding: 'utf8' }).trim().split('\n')[0].split(/\s+/)
  if (status !== 'online') execFileSync('pg_ctlcluster', [version, cluster, 'start'])
  const password = randomBytes(12).toString('hex')
  const name = `konpro_bench_${randomBytes(4).toString('hex')}`
  const psql = (q) => execFileSync('runuser', ['-u', 'postgres', '--', 'psql', '-p', port, '-qAtc', q], { encoding: 'utf8' })
  psql(`create role ${name} with login password '${password}'`)
  psql(`grant pg_signal_backend to ${name}`) // so dropping the database can stop autovacuum
  psql(`create database ${name} owner ${name}`)
  cleanups.push(() => {
    psql(`drop database if exists ${name} with (force)`)
    psql(`drop role if exists ${name}`)
  })
  return `postgres://${name}:${password}@127.0.0.1:${port}/${name}`
}

const cleanups = []
if (!existsSync('.next/BUILD_ID')) execFileSync('node_modules/.bin/next', ['build'], { stdio: 'inherit' })
const results = { at: new Date().toISOString(), machine: { cpus: (await import('node:os')).cpus().length }, databases: {} }
const dataDir = mkdtempSync(path.join(tmpdir(), 'konpro-bench-'))
const only = process.env.BENCH_DATABASES?.split(',') ?? ['pglite', 'postgres']
try {
  if (only.includes('pglite')) {
    console.log('PGlite')
    results.databases.pglite = await benchDatabase('pglite', { DATA_DIR: dataDir, DATABASE_URL: '' })
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true })
}
if (only.includes('postgres')) {
  console.log('PostgreSQL')
  const env = { DATABASE_URL: localPostgres(), AUTH_SECRET }
  results.databases.postgres = await benchDatabase('postgres', env)
  results.nextStart = await benchNextStart(env)
}

const fmt = (n) => (n === null || Number.isNaN(n) ? '-' : n.toFixed(1))
console.log('\n| db | payload | conc. | stored/s | p50 ms | p99 ms | OPTIONS p99 ms (max) |')
console.log('|---|---|---|---|---|---|---|')
for (const rows of [...Object.values(results.databases).map((d) => d.rows), results.nextStart ? [results.nextStart] : []]) {
  for (const r of rows) console.log(`| ${r.db} | ${r.payload} | ${r.concurrency} | ${r.perSecond} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.optionsP99 === null ? '-' : `${fmt(r.optionsP99)} (${fmt(r.optionsMax)})`} |`)
}
console.log('\n| db | live p50 ms | live p95 ms | live p99 ms | accepted of 500 | lost | peak RSS MiB |')
console.log('|---|---|---|---|---|---|---|')
for (const [name, d] of Object.entries(results.databases)) {
  console.log(`| ${name} | ${fmt(d.live.p50)} | ${fmt(d.live.p95)} | ${fmt(d.live.p99)} | ${d.live.accepted} | ${d.live.lost} | ${d.peakRssMiB} |`)
}
results.inspector = await (await import('./bench/inspector.mjs')).benchInspector()
for (const cleanup of cleanups) cleanup()
mkdirSync('bench', { recursive: true })
writeFileSync('bench/results.json', JSON.stringify(results, null, 2))
console.log('\nWrote bench/results.json')
