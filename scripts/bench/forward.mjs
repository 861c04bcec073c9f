// Forwarder benchmark: the production build (server.mjs on the embedded PostgreSQL), the real `konpro-console forward`
// process and a local target on loopback. Measures, per delivery, the time from the receiver's
// answer (stored) to the target receiving the re-sent request, at a paced rate, and the end-to-end
// throughput of a burst. Each load runs three times; medians are printed. Loopback only.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { sessionCookie, startOnFreshData } from '../../lib/test/processes.mjs'
import { median, pct, sleep } from './stats.mjs'

const ADMIN = { email: 'bench@forward.test', password: 'benchmark password 123' }
const RUNS = 3

async function createToken(url) {
  const cookie = await sessionCookie(url, ADMIN)
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8'))
  const id = Object.entries(manifest.node).find(
    ([, e]) => e.exportedName === 'createAccessTokenAction',
  )[0]
  const res = await fetch(`${url}/settings/tokens`, {
    method: 'POST',
    headers: { 'next-action': id, origin: url, cookie, 'content-type': 'text/plain;charset=UTF-8' },
    body: '[{"name":"bench"}]',
  })
  return /kpt_[A-Za-z0-9_-]{43}/.exec(await res.text())[0]
}

const arrivals = new Map() // delivery id -> ms when the target got it
const target = http.createServer((req, res) => {
  const at = performance.now()
  req.resume()
  req.on('end', () => {
    arrivals.set(Number(req.headers['x-konpro-console-delivery']), at)
    res.writeHead(204).end()
  })
})

const stored = new Map() // delivery id -> ms when the receiver answered (stored)
async function deliver() {
  const body = JSON.stringify({
    event_type: 'avatar_video.success',
    event_data: { video_id: randomBytes(6).toString('hex') },
  })
  const res = await fetch(`${console_.url}/api/webhooks/konpro`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', signature: 'bench' },
    body,
  })
  const { id } = await res.json()
  stored.set(Number(id), performance.now())
  return Number(id)
}
async function waitFor(ids) {
  for (let i = 0; i < 1200 && !ids.every((id) => arrivals.has(id)); i++) await sleep(50)
  return ids.filter((id) => !arrivals.has(id)).length
}

const console_ = await startOnFreshData('konpro-bench-forward-', ADMIN)
let cli
try {
  const token = await createToken(console_.url)
  await new Promise((r) => target.listen(0, '127.0.0.1', r))
  cli = spawn(
    process.execPath,
    [
      'bin/konpro-console.mjs',
      'forward',
      '--url',
      console_.url,
      '--to',
      `http://127.0.0.1:${target.address().port}/hook`,
      '--state',
      path.join(console_.dataDir, 'state.json'),
    ],
    {
      env: { ...process.env, KONPRO_CONSOLE_TOKEN: token },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  )
  let stderr = ''
  cli.stderr.on('data', (d) => (stderr += d))
  for (let i = 0; i < 200 && !stderr.includes('Following'); i++) await sleep(50)

  const paced = []
  const burst = []
  const receivedPerSecond = []
  let lost = 0
  for (let run = 0; run < RUNS; run++) {
    // Paced: 100 deliveries at 20 per second, latency from stored to the target's arrival.
    const ids = []
    for (let i = 0; i < 100; i++) {
      ids.push(await deliver())
      await sleep(50)
    }
    lost += await waitFor(ids)
    const latencies = ids
      .filter((id) => arrivals.has(id))
      .map((id) => arrivals.get(id) - stored.get(id))
    paced.push({ p50: pct(latencies, 50), p95: pct(latencies, 95) })
    // Burst: 300 deliveries from 10 senders at once; forwarded per second from first stored to last arrival.
    const burstIds = []
    const started = performance.now()
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let i = 0; i < 30; i++) burstIds.push(await deliver())
      }),
    )
    const storedAt = performance.now()
    lost += await waitFor(burstIds)
    receivedPerSecond.push(burstIds.length / ((storedAt - started) / 1000))
    const last = Math.max(...burstIds.map((id) => arrivals.get(id) ?? performance.now()))
    burst.push(burstIds.length / ((last - started) / 1000))
  }
  const fmt = (n) => n.toFixed(1)
  console.log(
    '\n| forwarder (embedded PostgreSQL, loopback) | p50 ms | p95 ms | stored/s (burst of 300) | forwarded/s (same burst) | lost |',
  )
  console.log('|---|---|---|---|---|---|')
  console.log(
    `| median of ${RUNS} runs | ${fmt(median(paced.map((r) => r.p50)))} | ${fmt(median(paced.map((r) => r.p95)))} | ${fmt(median(receivedPerSecond))} | ${fmt(median(burst))} | ${lost} |`,
  )
} finally {
  cli?.kill('SIGTERM')
  target.close()
  await console_.stop()
}
