// Receiver benchmark: starts the production build (server.mjs, as `npm start` does) on the embedded
// default (its own PostgreSQL under DATA_DIR) and on the machine's PostgreSQL, beside a bare
// node:http server with group-committed fsync (scripts/bench/bare-limit.mjs, the practical limit
// for durable ingest here), all in one run. It measures throughput and latency of the receiver
// with a distinct body per request and one live stream open during every step (the share of
// stored deliveries it carried; streams and OPTIONS probes run in processes of their own, so they
// never wait on the load generator), OPTIONS under load, server CPU per delivery (the embedded
// PostgreSQL's included, not the machine's PostgreSQL's), live latency, the
// cost of 200 open streams, 10,000 copies of one body, 1,000,000 stored rows, and peak memory;
// then the busiest row once more under `next start`. Loopback only; every loop is bounded.
// Prints tables (ratios against the bare limit), writes bench/results.json.
import { execFileSync, fork, spawn } from 'node:child_process'
import { createHmac, randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { hasBuild, sessionCookie, startServer as startBuild } from '../lib/test/processes.mjs'
import { frameData, openLiveStream, request } from './bench/client.mjs'
import { groupCpuSeconds, sampleRss } from './bench/process-group.mjs'
import { median, pct, sleep } from './bench/stats.mjs'

const ADMIN = { email: 'bench@console.test', password: 'benchmark password 123' }
const AUTH_SECRET = randomBytes(32).toString('hex')

/** `npm start`'s server.mjs by default; `next start` serves the receivers through Next's router. */
async function startServer(env, via = 'server.mjs') {
  const server = await startBuild(
    { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ...env },
    { via },
  )
  const rss = sampleRss(server.pid)
  return {
    url: server.url,
    peak: rss.peak,
    peakPss: rss.peakPss,
    cpu: () => groupCpuSeconds(server.pid),
    stop: async () => {
      rss.stop()
      await server.stop()
    },
  }
}

function payload(bytes, marker) {
  const base = {
    event_type: 'avatar_video.success',
    event_data: {
      video_id: marker,
      callback_id: 'bench',
      url: 'https://files.example.com/v.mp4',
      padding: '',
    },
  }
  const overhead = JSON.stringify(base).length
  base.event_data.padding = 'x'.repeat(Math.max(0, bytes - overhead))
  const body = JSON.stringify(base)
  return { body, signature: createHmac('sha256', 'bench-secret').update(body).digest('hex') }
}

const post = (url, { body, signature }) =>
  request(`${url}/api/webhooks/konpro`, 'POST', body, {
    'content-type': 'application/json',
    signature,
  })

/** `total` POSTs with `concurrency` in flight; returns throughput and latency percentiles. */
async function load(url, { bytes, concurrency, total, prefix = 'load-', same = false }) {
  const latencies = []
  let next = 0
  let ok = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++
        const r = await post(url, payload(bytes, same ? 'copies-same' : `${prefix}${next}`))
        latencies.push(r.ms)
        if (r.status === 200) ok++
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  return {
    requests: total,
    ok,
    perSecond: Math.round(ok / seconds),
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
  }
}

/** OPTIONS probes from their own process until `stop()`, which answers their latencies. */
function optionsProbe(url) {
  const child = fork(path.join(import.meta.dirname, 'bench/options-probe.mjs'), [url])
  const latencies = new Promise((resolve) => child.once('message', resolve))
  return {
    stop: async () => {
      child.send('stop')
      return latencies
    },
  }
}

/**
 * 500 deliveries at 50/s; latency from POST sent to the event arriving on an SSE client, with 49
 * more streams open (50 browsers) on a table of at least 100,000 stored deliveries.
 */
async function liveLatency(url, env) {
  await fillEvents(env, 100_000)
  const others = await openStreams(url, 49)
  const sentAt = new Map()
  const latencies = []
  const stream = await openLiveStream(url, await sessionCookie(url, ADMIN), (frame) => {
    const marker = frameData(frame)?.correlation?.video_id
    if (sentAt.has(marker)) latencies.push(performance.now() - sentAt.get(marker))
  })
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
  await stream.close()
  await others.close()
  // Lost: answered 200 but never shown on the stream.
  return {
    sent: 500,
    accepted,
    received: latencies.length,
    lost: accepted - latencies.length,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
  }
}

const RUNS = Number(process.env.BENCH_RUNS ?? 3)

/**
 * Opens `n` live streams, read in a process of their own (bench/stream-readers.mjs), counting the
 * deliveries whose marker starts with the current step's prefix.
 */
async function openStreams(url, n) {
  const child = fork(path.join(import.meta.dirname, 'bench/stream-readers.mjs'), [
    url,
    await sessionCookie(url, ADMIN),
    String(n),
  ])
  const answer = () => new Promise((resolve) => child.once('message', resolve))
  await answer()
  return {
    /** Starts counting the frames of a new step (their video ids start with `prefix`). */
    count: async (prefix) => {
      child.send({ count: prefix })
      await answer()
    },
    /** How many frames of the step each stream has read. */
    counts: async () => {
      child.send('counts')
      return (await answer()).counts
    },
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.send('close')
      await exited
    },
  }
}

let stepNo = 0
/** One load shape, run RUNS times with the streams open; the run with the median throughput is reported. */
async function measure(
  server,
  db,
  bytes,
  concurrency,
  { streams = null, same = false, label = '' } = {},
) {
  const url = server.url
  const total =
    bytes === 600
      ? { 1: 300, 10: 1500, 50: 4000 }[concurrency]
      : { 1: 100, 10: 300, 50: 500 }[concurrency]
  const runs = []
  for (let i = 0; i < RUNS; i++) {
    const prefix = `s${++stepNo}-`
    await streams?.count(prefix)
    const probe = optionsProbe(url)
    const cpuBefore = server.cpu?.()
    const result = await load(url, { bytes, concurrency, total, prefix, same })
    const cpu = server.cpu ? server.cpu() - cpuBefore : null
    const options = await probe.stop()
    // The share of stored deliveries each open stream had shown one second after the step.
    let share = null
    if (streams) {
      await sleep(1000)
      share = Math.min(...(await streams.counts())) / result.ok
    }
    runs.push({
      ...result,
      optionsP99: options.length ? pct(options, 99) : null,
      optionsMax: options.length ? Math.max(...options) : null,
      cpuUsPerDelivery: cpu === null ? null : Math.round((cpu * 1e6) / result.ok),
      streamShare: share,
    })
  }
  const mid = median(runs.map((r) => r.perSecond))
  const row = {
    db,
    label,
    payload: bytes === 600 ? '600 B' : '256 KiB',
    concurrency,
    ...runs.find((r) => r.perSecond === mid),
    runsPerSecond: runs.map((r) => r.perSecond),
  }
  console.log(
    `  ${db}${label ? ` (${label})` : ''} ${row.payload} c=${concurrency}: ${row.perSecond}/s (runs ${row.runsPerSecond.join(', ')}) p50 ${row.p50.toFixed(1)} ms p99 ${row.p99.toFixed(1)} ms` +
      (row.optionsP99 === null ? '' : `, OPTIONS p99 ${row.optionsP99.toFixed(1)} ms`) +
      (row.streamShare === null ? '' : `, stream carried ${(row.streamShare * 100).toFixed(1)}%`),
  )
  return row
}

async function benchDatabase(name, env, { extra = false } = {}) {
  const server = await startServer(env)
  const rows = []
  const points = {}
  try {
    await post(server.url, payload(600, 'warm-up'))
    const one = await openStreams(server.url, 1)
    for (const bytes of [600, 256 * 1024]) {
      for (const concurrency of [1, 10, 50])
        rows.push(await measure(server, name, bytes, concurrency, { streams: one }))
    }
    await one.close()
    const live = await liveLatency(server.url, env)
    console.log(
      `  ${name} live: p95 ${live.p95.toFixed(1)} ms, ${live.accepted} of 500 accepted, lost ${live.lost}`,
    )
    // 200 open streams: what they cost the ingest path, and whether each keeps up.
    const many = await openStreams(server.url, 200)
    points.streams200 = await measure(server, name, 600, 50, {
      streams: many,
      label: '200 streams',
    })
    await many.close()
    if (extra) {
      // 10,000 copies of one body (a sender's retries), then the same body again and again.
      await load(server.url, {
        bytes: 600,
        concurrency: 50,
        total: 10_000,
        prefix: 'copies-',
        same: true,
      })
      points.copies = await measure(server, name, 600, 50, {
        same: true,
        label: 'after 10,000 copies, one body',
      })
      points.million = await millionRows(env, server, name)
    }
    return {
      rows,
      live,
      points,
      peakRssMiB: Math.round(server.peak() / 1024 / 1024),
      peakPssMiB: Math.round(server.peakPss() / 1024 / 1024),
    }
  } finally {
    await server.stop()
  }
}

/** A client on the database a console under `env` runs on: DATABASE_URL, or its embedded one. */
async function databaseClient(env) {
  const client = env.DATABASE_URL
    ? new pg.Client({ connectionString: env.DATABASE_URL })
    : new pg.Client({
        host: path.resolve(env.DATA_DIR, 'pg'),
        port: 5432,
        user: 'postgres',
        password: readFileSync(path.join(env.DATA_DIR, 'pg-password'), 'utf8').trim(),
        database: 'postgres',
      })
  await client.connect()
  return client
}

/** Fills the events table to `target` rows, in SQL (an hour old, so no step counts them). */
async function fillEvents(env, target) {
  const client = await databaseClient(env)
  try {
    const { rows } = await client.query('select count(*)::int as n from events')
    const missing = target - rows[0].n
    if (missing <= 0) return
    for (let done = 0; done < missing; done += 100_000) {
      await client.query(
        `insert into events (method, size, headers, body, payload, parse_status, event_type, correlation, verdict, response_status, dedupe_key, received_at)
         select 'POST', 600, '{"content-type":"application/json"}', convert_to(repeat('x', 600), 'UTF8'), '{"event_type":"avatar_video.success"}',
           'ok', 'avatar_video.success', jsonb_build_object('video_id', 'fill-' || g), 'verified', 200, md5('fill-' || g || random()), now() - interval '1 hour'
         from generate_series(1, $1) g`,
        [Math.min(100_000, missing - done)],
      )
    }
    await client.query('analyze events')
  } finally {
    await client.end()
  }
}

/** Fills the events table to 1,000,000 rows, then measures 600 B at c=50 again. */
async function millionRows(env, server, name) {
  await fillEvents(env, 1_000_000)
  return measure(server, name, 600, 50, { label: '1,000,000 rows stored' })
}

/** The bare node:http + group fsync limit, measured in this run. */
async function benchBare() {
  const child = spawn(process.execPath, ['scripts/bench/bare-limit.mjs'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const port = await new Promise((resolve) =>
    child.stdout.on(
      'data',
      (d) => /ready (\d+)/.test(d) && resolve(Number(/ready (\d+)/.exec(d)[1])),
    ),
  )
  const server = { url: `http://127.0.0.1:${port}`, cpu: () => groupCpuSeconds(child.pid) }
  const rss = sampleRss(child.pid)
  const rows = []
  try {
    for (const bytes of [600, 256 * 1024])
      for (const concurrency of [1, 10, 50])
        rows.push(await measure(server, 'bare + group fsync', bytes, concurrency))
  } finally {
    rss.stop()
    process.kill(-child.pid, 'SIGTERM')
  }
  return {
    rows,
    peakRssMiB: Math.round(rss.peak() / 1024 / 1024),
    peakPssMiB: Math.round(rss.peakPss() / 1024 / 1024),
  }
}

/** The same load through Next's router (`next start`), for the ratio server.mjs buys. */
async function benchNextStart(env) {
  const server = await startServer(env, 'next start')
  try {
    await post(server.url, payload(600, 'warm-up'))
    return await measure(server, 'postgres, next start', 600, 50)
  } finally {
    await server.stop()
  }
}

function localPostgres() {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL
  const [version, cluster, port, status] = execFileSync('pg_lsclusters', ['-h'], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n')[0]
    .split(/\s+/)
  if (status !== 'online') execFileSync('pg_ctlcluster', [version, cluster, 'start'])
  const password = randomBytes(12).toString('hex')
  const name = `konpro_bench_${randomBytes(4).toString('hex')}`
  const psql = (q) =>
    execFileSync('runuser', ['-u', 'postgres', '--', 'psql', '-p', port, '-qAtc', q], {
      encoding: 'utf8',
    })
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
if (!hasBuild()) execFileSync('node_modules/.bin/next', ['build'], { stdio: 'inherit' })
const results = {
  at: new Date().toISOString(),
  machine: {
    cpus: (await import('node:os')).cpus().length,
    load: (await import('node:os')).loadavg(),
  },
  databases: {},
}
const only = process.env.BENCH_DATABASES?.split(',') ?? ['bare', 'embedded', 'postgres']
if (only.includes('bare')) {
  console.log('bare node:http + group fsync (the limit)')
  results.databases.bare = await benchBare()
}
const dataDir = mkdtempSync(path.join(tmpdir(), 'konpro-bench-'))
try {
  if (only.includes('embedded')) {
    console.log('embedded default (PostgreSQL under DATA_DIR)')
    results.databases.embedded = await benchDatabase('embedded', {
      DATA_DIR: dataDir,
      DATABASE_URL: '',
    })
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true })
}
if (only.includes('postgres')) {
  console.log('PostgreSQL 15')
  const env = { DATABASE_URL: localPostgres(), AUTH_SECRET }
  results.databases.postgres = await benchDatabase('postgres', env, {
    extra: process.env.BENCH_EXTRA !== '0',
  })
  results.nextStart = await benchNextStart(env)
  results.vercel = await (await import('./bench/vercel.mjs')).benchVercel(env)
}

const fmt = (n) => (n === null || n === undefined || Number.isNaN(n) ? '-' : n.toFixed(1))
const pctOf = (n) => (n === null || n === undefined ? '-' : `${(n * 100).toFixed(1)}%`)
const bareRow = (payload, concurrency) =>
  results.databases.bare?.rows.find((r) => r.payload === payload && r.concurrency === concurrency)
const ratio = (r) => {
  const b = bareRow(r.payload, r.concurrency)
  return b ? `${Math.round((r.perSecond / b.perSecond) * 100)}%` : '-'
}
console.log(
  `\nOne run set on this machine (${results.machine.cpus} cores, shared; load ${results.machine.load.map((l) => l.toFixed(1)).join(' ')} at the start). Median of ${RUNS} runs per row.`,
)
console.log(
  '\n| server | payload | conc. | stored/s | of bare limit | p50 ms | p99 ms | OPTIONS p99 ms (max) | CPU µs/delivery | stream carried |',
)
console.log('|---|---|---|---|---|---|---|---|---|---|')
const allRows = [
  ...Object.values(results.databases).flatMap((d) => [...d.rows, ...Object.values(d.points ?? {})]),
  ...(results.nextStart ? [results.nextStart] : []),
]
for (const r of allRows) {
  console.log(
    `| ${r.db}${r.label ? ` (${r.label})` : ''} | ${r.payload} | ${r.concurrency} | ${r.perSecond} | ${ratio(r)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.optionsP99 === null ? '-' : `${fmt(r.optionsP99)} (${fmt(r.optionsMax)})`} | ${r.cpuUsPerDelivery ?? '-'} | ${pctOf(r.streamShare)} |`,
  )
}
console.log(
  '\nLive: POST sent to the frame read on a stream, 500 deliveries at 50/s, 50 streams open, 100,000+ rows stored.',
)
console.log(
  '\n| server | live p50 ms | live p95 ms | live p99 ms | accepted of 500 | lost | peak RSS MiB (sum) | peak PSS MiB |',
)
console.log('|---|---|---|---|---|---|---|---|')
for (const [name, d] of Object.entries(results.databases)) {
  console.log(
    `| ${name} | ${fmt(d.live?.p50)} | ${fmt(d.live?.p95)} | ${fmt(d.live?.p99)} | ${d.live?.accepted ?? '-'} | ${d.live?.lost ?? '-'} | ${d.peakRssMiB} | ${d.peakPssMiB} |`,
  )
}
console.log(
  '\nsmee.io (quoted from the issue, not measured here): 600 B c=1 2,077/s (p50 0.34 ms), c=10 2,209/s, c=50 1,995/s (p50 23 / p99 60 ms), OPTIONS p99 130 ms; 256 KiB c=50 144/s; live p95 3.1 ms; peak RSS 195 MB.',
)
results.render = await (await import('./bench/render.mjs')).benchRender()
results.inspector = await (await import('./bench/inspector.mjs')).benchInspector()
for (const cleanup of cleanups) cleanup()
mkdirSync('bench', { recursive: true })
writeFileSync('bench/results.json', JSON.stringify(results, null, 2))
console.log('\nWrote bench/results.json')
execFileSync(process.execPath, ['scripts/bench/forward.mjs'], { stdio: 'inherit' })
