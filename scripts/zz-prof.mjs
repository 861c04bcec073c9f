import { spawn } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { request, openCountingStreams } from './bench/client.mjs'
import { sessionCookie } from '../lib/test/processes.mjs'
const dataDir = mkdtempSync(path.join(tmpdir(), 'prof-'))
const port = 3950
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof', 'server.mjs', '-p', String(port), '-H', '127.0.0.1'], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ADMIN_EMAIL: 'p@x.test', ADMIN_PASSWORD: 'profile password 123', RECEIVER_RATE_LIMIT_PER_MINUTE: '10000000', KONPRO_API_KEY: '' },
})
const url = `http://127.0.0.1:${port}`
for (let i = 0; i < 200; i++) { try { const r = await fetch(url + '/api/health'); if (r.ok) break } catch {} await new Promise(r => setTimeout(r, 250)) }
const streams = Number(process.env.STREAMS ?? 1)
const s = await openCountingStreams(url, await sessionCookie(url, { email: 'p@x.test', password: 'profile password 123' }), streams, () => Buffer.from('"video_id":"p-'))
const bytes = Number(process.env.BYTES ?? 600)
let next = 0
const total = Number(process.env.TOTAL ?? 8000)
const t0 = performance.now()
await Promise.all(Array.from({ length: 50 }, async () => {
  while (next < total) {
    const n = next++
    const body = JSON.stringify({ event_type: 'avatar_video.success', event_data: { video_id: `p-${n}`, padding: 'x'.repeat(bytes - 100) } })
    await request(`${url}/api/webhooks/konpro`, 'POST', body, { 'content-type': 'application/json', signature: createHmac('sha256', 'k').update(body).digest('hex') })
  }
}))
console.log('per second', Math.round(total / ((performance.now() - t0) / 1000)), 'stream counts', Math.min(...s.counts))
s.close()
child.kill('SIGTERM')
await new Promise((r) => child.once('exit', r))
const file = readdirSync('/tmp/prof').map((f) => path.join('/tmp/prof', f)).sort().at(-1)
const prof = JSON.parse(readFileSync(file, 'utf8'))
const self = new Map()
const byId = new Map(prof.nodes.map((n) => [n.id, n]))
const dt = new Map()
for (let i = 0; i < prof.samples.length; i++) dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0))
let all = 0
for (const [id, t] of dt) { const n = byId.get(id); const cf = n.callFrame; const key = `${cf.functionName || '(anon)'} ${cf.url.split('/').slice(-2).join('/')}:${cf.lineNumber}`; self.set(key, (self.get(key) ?? 0) + t); all += t }
const idle = [...self].filter(([k]) => k.startsWith('(idle)')).reduce((a, [, t]) => a + t, 0)
console.log('total ms', (all / 1000).toFixed(0), 'idle', (idle / 1000).toFixed(0))
for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(((t / (all - idle)) * 100).toFixed(1).padStart(5), '%', k)
