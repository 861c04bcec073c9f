// The route-file path as Vercel runs it (`next start`, no server.mjs): OPTIONS p99 on a cold
// start and under load, and how fast a delivery stored by instance A reaches a stream on
// instance B, with LISTEN on the direct URL and with polling behind PgBouncer (transaction mode).
// Loopback only; every loop is bounded. Called from scripts/bench.mjs with a PostgreSQL URL.
import net from 'node:net'
import {
  hasPgbouncer,
  sessionCookie,
  spawnServer,
  startPgbouncer,
} from '../../lib/test/processes.mjs'
import { openLiveStream, request } from './client.mjs'
import { median, pct, sleep } from './stats.mjs'

const ADMIN = { email: 'bench-vercel@console.test', password: 'benchmark password 456' }
const delivery = (tag) =>
  JSON.stringify({ event_type: 'avatar_video.success', event_data: { video_id: tag } })
const post = (url, tag) =>
  request(
    `${url}/api/webhooks/konpro`,
    'POST',
    delivery(tag),
    { 'content-type': 'application/json', signature: 'f'.repeat(64) },
    { text: true },
  )

/** `next start` spawned, not yet waited for: `ready()` waits for its health, `kill` stops it. */
const nextStart = (env) =>
  spawnServer(
    { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ...env },
    { via: 'next start' },
  )

/** Spawns next start, and the moment its port accepts, fires `burst` OPTIONS at once. */
async function coldOptions(env, burst = 20) {
  const server = await nextStart(env)
  const spawned = performance.now()
  try {
    for (let i = 0; i < 1500; i++) {
      const open = await new Promise((resolve) => {
        const s = net.connect(server.port, '127.0.0.1', () => (s.destroy(), resolve(true)))
        s.on('error', () => resolve(false))
      })
      if (open) break
      await sleep(10)
    }
    const answers = await Promise.all(
      Array.from({ length: burst }, () => request(`${server.url}/api/webhooks/konpro`, 'OPTIONS')),
    )
    return {
      latencies: answers.map((a) => a.ms),
      ok: answers.filter((a) => a.status === 200).length,
      sinceSpawn: performance.now() - spawned,
    }
  } finally {
    await server.kill('SIGKILL')
  }
}

async function optionsUnderLoad(url, ms = 5000, senders = 16) {
  const until = Date.now() + ms
  let posted = 0
  const load = Promise.all(
    Array.from({ length: senders }, async () => {
      while (Date.now() < until) if ((await post(url, `load-${posted++}`)).status) continue
    }),
  )
  const latencies = []
  while (Date.now() < until) {
    latencies.push((await request(`${url}/api/webhooks/konpro`, 'OPTIONS')).ms)
    await sleep(10)
  }
  await load
  return { latencies, posted }
}

/** Deliveries to A, each timed until B's stream sends it. */
async function crossInstance(a, b, count, spacingMs) {
  const seen = new Map()
  const stream = await openLiveStream(b.url, await sessionCookie(b.url, ADMIN), (frame) => {
    const id = /^id: (\d+)$/m.exec(frame)?.[1]
    if (id && !seen.has(id)) seen.set(id, performance.now())
  })
  await sleep(500)
  const latencies = []
  let lost = 0
  for (let i = 0; i < count; i++) {
    const sent = performance.now()
    const answer = await post(a.url, `cross-${i}`)
    const id = JSON.parse(answer.text || '{}').id
    const deadline = performance.now() + 10_000
    while (id && !seen.has(id) && performance.now() < deadline) await sleep(2)
    if (id && seen.has(id)) latencies.push(seen.get(id) - sent)
    else lost++
    await sleep(spacingMs())
  }
  await stream.close()
  return { p50: median(latencies), p95: pct(latencies, 95), n: latencies.length, lost }
}

async function pair(env) {
  const servers = [await nextStart(env), await nextStart(env)]
  await Promise.all(servers.map((s) => s.ready()))
  return servers
}

/** Runs every measurement; prints a table and returns the figures for bench/results.json. */
export async function benchVercel({ DATABASE_URL, AUTH_SECRET }) {
  console.log('Vercel-like (next start, the route files)')
  const env = { DATABASE_URL, AUTH_SECRET }
  const results = {}

  const cold = []
  for (let i = 0; i < 5; i++) cold.push(await coldOptions(env))
  const coldLatencies = cold.flatMap((c) => c.latencies)
  results.optionsCold = {
    p99: pct(coldLatencies, 99),
    p50: median(coldLatencies),
    ok: cold.reduce((n, c) => n + c.ok, 0),
    of: coldLatencies.length,
    msFromSpawnMedian: median(cold.map((c) => c.sinceSpawn)),
  }

  const [warm] = await pair(env).then(
    async (servers) => (await servers[1].kill('SIGKILL'), servers),
  )
  try {
    const loaded = await optionsUnderLoad(warm.url)
    results.optionsUnderLoad = {
      p99: pct(loaded.latencies, 99),
      p50: median(loaded.latencies),
      n: loaded.latencies.length,
      posts: loaded.posted,
    }
  } finally {
    await warm.kill('SIGKILL')
  }

  const bouncer = hasPgbouncer() ? await startPgbouncer(DATABASE_URL) : null
  const pooled = bouncer?.pooled(DATABASE_URL)
  try {
    const listen = await pair({
      ...env,
      DATABASE_URL: pooled ?? DATABASE_URL,
      DATABASE_URL_UNPOOLED: DATABASE_URL,
    })
    try {
      results.crossListen = await crossInstance(listen[0], listen[1], 40, () => 50)
    } finally {
      await Promise.all(listen.map((s) => s.kill('SIGKILL')))
    }
    if (pooled) {
      const poll = await pair({ ...env, DATABASE_URL: pooled })
      try {
        results.crossPoll = await crossInstance(poll[0], poll[1], 15, () => Math.random() * 500)
      } finally {
        await Promise.all(poll.map((s) => s.kill('SIGKILL')))
      }
    }
  } finally {
    await bouncer?.stop()
  }

  const fmt = (n) => (n === undefined || Number.isNaN(n) ? '-' : n.toFixed(1))
  console.log('\n| route-file path (next start) | p50 ms | p99 / p95 ms | n | note |')
  console.log('|---|---|---|---|---|')
  const c = results.optionsCold
  console.log(
    `| OPTIONS, cold start (5 starts x 20 at once) | ${fmt(c.p50)} | p99 ${fmt(c.p99)} | ${c.of} | ${c.ok} answered 200, the last ${fmt(c.msFromSpawnMedian)} ms after spawn (median); timed from the port accepting |`,
  )
  const l = results.optionsUnderLoad
  console.log(
    `| OPTIONS under 16 POST senders | ${fmt(l.p50)} | p99 ${fmt(l.p99)} | ${l.n} | ${l.posts} POSTs meanwhile |`,
  )
  const x = results.crossListen
  console.log(
    `| A -> B live, LISTEN (unpooled URL) | ${fmt(x.p50)} | p95 ${fmt(x.p95)} | ${x.n} | lost ${x.lost} |`,
  )
  const p = results.crossPoll
  if (p)
    console.log(
      `| A -> B live, polling (PgBouncer only) | ${fmt(p.p50)} | p95 ${fmt(p.p95)} | ${p.n} | lost ${p.lost} |`,
    )
  else console.log('| A -> B live, polling | - | - | - | pgbouncer not installed |')
  return results
}
