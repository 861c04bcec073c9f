// The route-file path as Vercel runs it (`next start`, no server.mjs): OPTIONS p99 on a cold
// start and under load, and how fast a delivery stored by instance A reaches a stream on
// instance B, with LISTEN on the direct URL and with polling behind PgBouncer (transaction mode).
// Loopback only; every loop is bounded. Called from scripts/bench.mjs with a PostgreSQL URL.
import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { freePort, median, pct, sleep } from './stats.mjs'

const ADMIN = { email: 'bench-vercel@console.test', password: 'benchmark password 456' }
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
function request(url, method, body, headers = {}) {
  const started = performance.now()
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: body ? { ...headers, 'content-length': Buffer.byteLength(body) } : headers,
      },
      (res) => {
        let text = ''
        res.on('data', (d) => (text += d))
        res.on('end', () =>
          resolve({ status: res.statusCode, ms: performance.now() - started, text }),
        )
      },
    )
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started, text: '' }))
    req.end(body)
  })
}
const delivery = (tag) =>
  JSON.stringify({ event_type: 'avatar_video.success', event_data: { video_id: tag } })
const post = (url, tag) =>
  request(`${url}/api/webhooks/konpro`, 'POST', delivery(tag), {
    'content-type': 'application/json',
    signature: 'f'.repeat(64),
  })

function nextStart(env) {
  return freePort().then((port) => {
    const child = spawn(
      'node_modules/.bin/next',
      ['start', '-p', String(port), '-H', '127.0.0.1'],
      {
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: {
          ...process.env,
          NEXT_TELEMETRY_DISABLED: '1',
          KONPRO_API_KEY: '',
          RECEIVER_RATE_LIMIT_PER_MINUTE: '10000000',
          ADMIN_EMAIL: ADMIN.email,
          ADMIN_PASSWORD: ADMIN.password,
          ...env,
        },
      },
    )
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    const url = `http://127.0.0.1:${port}`
    const stop = async () => {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {}
      await sleep(300)
    }
    const healthy = async () => {
      for (let i = 0; i < 600; i++) {
        if (child.exitCode !== null) throw new Error(`next start exited: ${stderr}`)
        if ((await request(`${url}/api/health`, 'GET')).status === 200) return
        await sleep(100)
      }
      throw new Error(`next start did not become healthy: ${stderr}`)
    }
    return { url, port, child, stop, healthy }
  })
}

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
    await server.stop()
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

async function signIn(url) {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify(ADMIN),
  })
  return /konpro_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? ''
}

/** Deliveries to A, each timed until B's stream sends it. */
async function crossInstance(a, b, count, spacingMs) {
  const cookie = await signIn(b.url)
  const seen = new Map()
  const controller = new AbortController()
  const res = await fetch(`${b.url}/api/events/stream`, {
    headers: { cookie },
    signal: controller.signal,
  })
  const reader = res.body.getReader()
  const decoder = new TextDecoder()
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        for (const m of decoder.decode(value, { stream: true }).matchAll(/^id: (\d+)$/gm))
          if (!seen.has(m[1])) seen.set(m[1], performance.now())
      }
    } catch {}
  })()
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
  controller.abort()
  return { p50: median(latencies), p95: pct(latencies, 95), n: latencies.length, lost }
}

async function startPgbouncer(serverUrl) {
  const binary = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((p) => existsSync(p))
  if (!binary) return null
  const server = new URL(serverUrl)
  const port = await freePort()
  const dir = mkdtempSync(path.join(tmpdir(), 'konpro-bench-pgbouncer-'))
  chmodSync(dir, 0o777)
  writeFileSync(
    path.join(dir, 'users.txt'),
    `"${decodeURIComponent(server.username)}" "${decodeURIComponent(server.password)}"\n`,
  )
  writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = scram-sha-256',
      `auth_file = ${path.join(dir, 'users.txt')}`,
      'pool_mode = transaction',
      'max_client_conn = 500',
      'default_pool_size = 20',
      'ignore_startup_parameters = extra_float_digits,options',
      `logfile = ${path.join(dir, 'pgbouncer.log')}`,
      ...(process.getuid?.() === 0 ? ['user = postgres'] : []),
    ].join('\n') + '\n',
  )
  for (const f of ['users.txt', 'pgbouncer.ini']) chmodSync(path.join(dir, f), 0o644)
  const child = spawn(binary, [path.join(dir, 'pgbouncer.ini')], {
    stdio: 'ignore',
    detached: true,
  })
  await sleep(500)
  const pooled = new URL(serverUrl)
  pooled.port = String(port)
  return {
    url: pooled.toString(),
    stop: () => {
      try {
        process.kill(child.pid, 'SIGTERM')
      } catch {}
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function pair(env) {
  const servers = [await nextStart(env), await nextStart(env)]
  await Promise.all(servers.map((s) => s.healthy()))
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

  const [warm] = await pair(env).then(async (servers) => (await servers[1].stop(), servers))
  try {
    const loaded = await optionsUnderLoad(warm.url)
    results.optionsUnderLoad = {
      p99: pct(loaded.latencies, 99),
      p50: median(loaded.latencies),
      n: loaded.latencies.length,
      posts: loaded.posted,
    }
  } finally {
    await warm.stop()
  }

  const bouncer = await startPgbouncer(DATABASE_URL)
  try {
    const listen = await pair({
      ...env,
      DATABASE_URL: bouncer?.url ?? DATABASE_URL,
      DATABASE_URL_UNPOOLED: DATABASE_URL,
    })
    try {
      results.crossListen = await crossInstance(listen[0], listen[1], 40, () => 50)
    } finally {
      await Promise.all(listen.map((s) => s.stop()))
    }
    if (bouncer) {
      const poll = await pair({ ...env, DATABASE_URL: bouncer.url })
      try {
        results.crossPoll = await crossInstance(poll[0], poll[1], 15, () => Math.random() * 500)
      } finally {
        await Promise.all(poll.map((s) => s.stop()))
      }
    }
  } finally {
    bouncer?.stop()
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
