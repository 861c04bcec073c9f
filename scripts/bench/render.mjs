// Detail-page benchmark: stores hostile 1 MiB bodies (deep, wide, one huge string, many small
// keys, nested past the parser's limit) and a normal delivery, then renders /events/<id> several
// times each on the production build (server.mjs, embedded PostgreSQL) and reports the server's time, the
// page's size (the HTML document with its inline RSC payload, and the RSC payload of a client
// navigation) and how much the server's memory grew. Loopback only.
// Usage: node scripts/bench/render.mjs   (also run by scripts/bench.mjs)
import { sessionCookie, startOnFreshData } from '../../lib/test/processes.mjs'
import { groupRssBytes } from './process-group.mjs'
import { pct } from './stats.mjs'

const MIB = 1024 * 1024
const RUNS = Number(process.env.BENCH_RENDER_RUNS ?? 9)
const ADMIN = { email: 'render-bench@console.test', password: 'render benchmark password 1' }

/** Repeats `unit` (with a separator) until the body is just under 1 MiB. */
function fill(open, unit, close, separator = ',') {
  const count = Math.floor((MIB - open.length - close.length) / (unit.length + separator.length))
  return open + Array.from({ length: count }, () => unit).join(separator) + close
}

export const BODIES = {
  normal: JSON.stringify({
    event_type: 'avatar_video.success',
    event_data: {
      video_id: 'v_render',
      url: 'https://files.example.com/v_render.mp4',
      callback_id: 'cb_render',
      folder_id: 'f1',
    },
  }),
  // 250 levels: just inside the parser's limit (lib/webhooks/parse.ts), repeated to 1 MiB.
  'deep (250 levels, repeated)': fill('[', '['.repeat(250) + ']'.repeat(250), ']'),
  'too deep (stored unparsed)': '['.repeat(MIB / 2) + ']'.repeat(MIB / 2),
  'wide object (70k keys)': (() => {
    const keys = []
    let size = 2
    for (let i = 0; size < MIB - 32; i++) {
      const entry = `"key_${i}":${i}`
      keys.push(entry)
      size += entry.length + 1
    }
    return `{${keys.join(',')}}`
  })(),
  'wide array (500k items)': fill('[', '0', ']'),
  'huge string': `{"event_type":"x","s":"${'x'.repeat(MIB - 40)}"}`,
  'many small keys': fill('[', JSON.stringify({ a: 1, b: 'x', c: [1], d: { e: null } }), ']'),
}

async function deliver(url, body) {
  const res = await fetch(`${url}/api/webhooks/konpro`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  })
  const answer = await res.json()
  if (!answer.id)
    throw new Error(`the receiver stored nothing (${res.status}): ${JSON.stringify(answer)}`)
  return answer.id
}

/** Times full loads of the page and measures its sizes and the server's memory growth. */
async function measure(server, cookie, id) {
  const page = `${server.url}/events/${id}`
  const times = []
  let html = 0
  const before = server.rss()
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, server.rss())), 25)
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    const res = await fetch(page, { headers: { cookie } })
    const text = await res.text()
    times.push(performance.now() - started)
    if (res.status !== 200 || !text.includes('Raw body'))
      throw new Error(`/events/${id} answered ${res.status}`)
    html = Buffer.byteLength(text)
  }
  // What a client navigation downloads: the RSC payload alone.
  const rsc = Buffer.byteLength(await (await fetch(page, { headers: { cookie, rsc: '1' } })).text())
  clearInterval(sampler)
  peak = Math.max(peak, server.rss())
  return { median: pct(times, 50), p95: pct(times, 95), html, rsc, rssDelta: peak - before }
}

export async function benchRender() {
  const build = await startOnFreshData('konpro-render-bench-', ADMIN, { KAYLE_API_KEY: '' })
  const server = { url: build.url, rss: () => groupRssBytes(build.pid) }
  const rows = []
  try {
    const cookie = await sessionCookie(server.url, ADMIN)
    // One throw-away render first: the page's code and the database warm up outside the figures.
    await measure(server, cookie, await deliver(server.url, BODIES.normal))
    for (const [kind, body] of Object.entries(BODIES)) {
      const id = await deliver(server.url, body)
      rows.push({ kind, bytes: Buffer.byteLength(body), ...(await measure(server, cookie, id)) })
    }
  } finally {
    await build.stop()
  }
  const kib = (n) => `${(n / 1024).toFixed(0)} KiB`
  console.log(
    `\nDetail page /events/<id>, full loads on server.mjs + embedded PostgreSQL, ${RUNS} runs each`,
  )
  // The machine is shared: the ratio to the normal delivery's page, measured in the same run, says more than the milliseconds.
  const normal = rows[0].median
  console.log(
    '| body kind | bytes | median ms | p95 ms | × normal | HTML bytes | RSC bytes | RSS delta MiB |',
  )
  console.log('|---|---|---|---|---|---|---|---|')
  for (const r of rows) {
    console.log(
      `| ${r.kind} | ${r.bytes.toLocaleString('en')} | ${r.median.toFixed(0)} | ${r.p95.toFixed(0)} | ${(r.median / normal).toFixed(1)} | ${r.html.toLocaleString('en')} (${kib(r.html)}) | ${r.rsc.toLocaleString('en')} | ${(r.rssDelta / MIB).toFixed(1)} |`,
    )
  }
  return rows
}

if (import.meta.url === `file://${process.argv[1]}`) await benchRender()
