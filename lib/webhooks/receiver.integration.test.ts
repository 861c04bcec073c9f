import { createHmac } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { openDatabase, rowsOf } from '../db/client'
import { createScratchDatabase } from '../test/postgres'
import { spawn } from 'node:child_process'
import { freePort, hasBuild, startServer } from '../test/server'

// The production server over real sockets, on each database: nothing answered 2xx is lost.
const AUTH_SECRET = 'integration-test-secret-0123456789abcdef'
const adminUrl = inject('postgresAdminUrl')

type Server = Awaited<ReturnType<typeof startServer>>

const targets = [
  {
    name: 'embedded',
    async prepare() {
      const dir = mkdtempSync(path.join(tmpdir(), 'konpro-receiver-'))
      return {
        env: { DATA_DIR: dir, DATABASE_URL: '' },
        // The cluster belongs to the server while it runs: read after it has stopped.
        stored: async () => {
          const db = await openDatabase({ dataDir: dir })
          try {
            return storedRows(await db.db.execute(selectStored))
          } finally {
            await db.close()
          }
        },
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      }
    },
  },
  {
    name: 'postgres',
    skip: !adminUrl,
    prepare: preparePostgres,
  },
  // The route files alone, as Vercel serves them.
  {
    name: 'postgres via next start',
    via: 'next start' as const,
    skip: !adminUrl,
    prepare: preparePostgres,
  },
]

async function preparePostgres() {
  const scratch = await createScratchDatabase(adminUrl)
  return {
    env: { DATABASE_URL: scratch.url, AUTH_SECRET },
    stored: async () => {
      const db = await openDatabase({ url: scratch.url })
      try {
        return storedRows(await db.db.execute(selectStored))
      } finally {
        await db.close()
      }
    },
    cleanup: scratch.drop,
  }
}

const selectStored = sql`select id, source_ip from events`
/** Stored deliveries by id, with the source address each was stored with. */
const storedRows = (result: unknown) =>
  new Map(
    rowsOf<{ id: string | number; source_ip: string | null }>(result).map((r) => [
      String(r.id),
      r.source_ip,
    ]),
  )

async function post(
  url: string,
  body: BodyInit,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) {
  try {
    const res = await fetch(`${url}/api/webhooks/konpro`, {
      method: 'POST',
      body,
      headers,
      signal: AbortSignal.timeout(30_000),
    })
    const text = await res.text()
    return { status: res.status, id: res.ok ? (JSON.parse(text) as { id: string }).id : null, text }
  } catch {
    return { status: 0, id: null, text: '' }
  }
}

describe.skipIf(!hasBuild())('receiver against the production server', () => {
  for (const target of targets) {
    describe.skipIf(!!target.skip)(target.name, () => {
      let prepared: Awaited<ReturnType<(typeof targets)[number]['prepare']>>
      let server: Server
      beforeAll(async () => {
        prepared = await target.prepare()
        server = await startServer(prepared.env, { via: target.via })
      }, 90_000)
      afterAll(async () => {
        await server?.kill('SIGKILL')
        await prepared?.cleanup()
      })

      it('answers OPTIONS at once, even first thing', async () => {
        const started = performance.now()
        const res = await fetch(`${server.url}/api/webhooks/konpro`, { method: 'OPTIONS' })
        expect(res.status).toBe(200)
        expect(performance.now() - started).toBeLessThan(1000)
      })

      it('sends the security headers on 405 answers, static build files and public files too', async () => {
        const login = await (await fetch(`${server.url}/login`)).text()
        const asset = /\/_next\/static\/[^"']+\.(?:js|css)/.exec(login)?.[0]
        expect(asset).toBeDefined()
        const answers = await Promise.all(
          [
            ['GET', '/api/webhooks/konpro'],
            ['PUT', '/api/webhooks/kayle'],
            ['GET', asset!],
            ['GET', '/icon.svg'],
          ].map(async ([method, path]) => {
            const res = await fetch(`${server.url}${path}`, { method })
            await res.arrayBuffer()
            return {
              path: `${method} ${path}`,
              status: res.status,
              nosniff: res.headers.get('x-content-type-options'),
              frame: res.headers.get('x-frame-options'),
              referrer: res.headers.get('referrer-policy'),
            }
          }),
        )
        for (const a of answers)
          expect(a, a.path).toMatchObject({
            nosniff: 'nosniff',
            frame: 'DENY',
            referrer: 'strict-origin-when-cross-origin',
          })
        expect(answers.slice(0, 2).map((a) => a.status)).toEqual([405, 405])
      })

      it('never answers 5xx to bad input, and stores what it accepted', async () => {
        const cases: Array<[string, BodyInit, Record<string, string>]> = [
          ['empty', '', {}],
          ['invalid JSON', '{"event_type":', { 'content-type': 'application/json' }],
          [
            'invalid UTF-8',
            new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
            { 'content-type': 'application/json' },
          ],
          [
            'wrong content type',
            'event_type=avatar_video.success',
            { 'content-type': 'application/x-www-form-urlencoded' },
          ],
          ['NUL in JSON', '{"event_type":"a\\u0000"}', { 'content-type': 'application/json' }],
          [
            'lone surrogate in JSON',
            '{"event_type":"a\\ud800"}',
            { 'content-type': 'application/json' },
          ],
          [
            '200 headers',
            '{"event_type":"avatar_video.success"}',
            Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`x-extra-${i}`, `v${i}`])),
          ],
        ]
        for (const [name, body, headers] of cases) {
          const res = await post(server.url, body, headers)
          expect(res.status, name).toBeGreaterThanOrEqual(200)
          expect(res.status, `${name}: ${res.text}`).toBeLessThan(500)
        }
        const huge = await post(server.url, Buffer.alloc(10 * 1024 * 1024, 0x61))
        expect(huge.status).toBe(413)
        expect(JSON.parse(huge.text)).toMatchObject({ error: expect.stringContaining('larger') })
      })

      it('stores a hostile, deeply nested body unparsed, and it fails no other delivery in its batch', async () => {
        const deep = '['.repeat(4400) + ']'.repeat(4400)
        const good = (i: number) =>
          JSON.stringify({
            event_type: 'avatar_video.success',
            event_data: { video_id: `deep-${i}` },
          })
        const answers = await Promise.all(
          Array.from({ length: 40 }, (_, i) => post(server.url, i % 4 === 0 ? deep : good(i))),
        )
        expect(answers.map((a) => a.status).filter((s) => s >= 500)).toEqual([])
        // Every one was stored: the answer carries its id (unsigned ones are answered 401 by default).
        const ids = answers.map((a) => (JSON.parse(a.text) as { id?: string }).id)
        expect(ids.filter((id) => typeof id !== 'string')).toEqual([])
      })

      it('records unsigned deliveries but answers 401 by default, and signed-without-secret 200', async () => {
        const unsigned = await post(server.url, '{"event_type":"avatar_video.fail"}')
        expect(unsigned.status).toBe(401)
        expect(JSON.parse(unsigned.text)).toMatchObject({ received: true, id: expect.any(String) })
        const body = '{"event_type":"avatar_video.success"}'
        const signed = await post(server.url, body, {
          signature: createHmac('sha256', 'unknown').update(body).digest('hex'),
        })
        expect(signed.status).toBe(200)
      })

      it('stores every delivery it answered 2xx, under load and across a SIGKILL', async () => {
        const signed = (i: number) => {
          const body = JSON.stringify({
            event_type: 'avatar_video.success',
            event_data: { video_id: `v${i}`, callback_id: `burst-${target.name}` },
          })
          return [
            body,
            {
              'content-type': 'application/json',
              signature: createHmac('sha256', 'k').update(body).digest('hex'),
            },
          ] as const
        }
        // 2,000 at once.
        const burst = await Promise.all(
          Array.from({ length: 2000 }, (_, i) => post(server.url, ...signed(i))),
        )
        const accepted = burst.filter((r) => r.status === 200).map((r) => r.id!)
        // Every answer is a 200. On a loaded machine a few connections may not even be accepted
        // (status 0, nothing sent); those are the sender's to retry, never a loss.
        const statuses = new Set(burst.map((r) => r.status))
        expect([...statuses].filter((s) => s !== 200 && s !== 0)).toEqual([])
        expect(accepted.length, `accepted ${accepted.length} of 2000`).toBeGreaterThanOrEqual(1900)

        // Another burst, killed in the middle.
        const inflight = Array.from({ length: 1500 }, (_, i) =>
          post(server.url, ...signed(10_000 + i)),
        )
        await new Promise((r) => setTimeout(r, 150))
        await server.kill('SIGKILL')
        const killed = await Promise.all(inflight)
        const acceptedBeforeKill = killed.filter((r) => r.status === 200).map((r) => r.id!)
        expect(killed.some((r) => r.status !== 200)).toBe(true) // the kill really cut the burst

        const stored = await prepared.stored()
        const lost = [...accepted, ...acceptedBeforeKill].filter((id) => !stored.has(id))
        expect(lost).toEqual([])
        // The sender's address, as the server saw it, whichever way the request was served.
        expect(stored.get(accepted[0]!)).toBe('127.0.0.1')

        server = await startServer(prepared.env, { via: target.via })
        const after = await post(server.url, ...signed(99_999))
        expect(after.status).toBe(200)
      }, 120_000)
    })
  }
})

describe.skipIf(!hasBuild())(
  'the sender’s address behind no proxy and behind a trusted one',
  () => {
    const dirs: string[] = []
    const servers: Server[] = []
    afterAll(async () => {
      for (const s of servers) await s.kill('SIGKILL')
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
    })
    const start = async (extra: Record<string, string>) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'konpro-proxies-'))
      dirs.push(dir)
      const server = await startServer({
        DATA_DIR: dir,
        DATABASE_URL: '',
        RECEIVER_RATE_LIMIT_PER_MINUTE: '5',
        ...extra,
      })
      servers.push(server)
      return server
    }
    const rotating = (url: string) =>
      Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          post(url, '{"event_type":"avatar_video.success"}', {
            'content-type': 'application/json',
            'x-forwarded-for': `203.0.113.${i + 1}`,
            'x-konpro-peer': '10.9.9.9',
          }),
        ),
      )

    it('a rotating X-Forwarded-For does not escape the rate limit, nor become the stored source', async () => {
      const server = await start({})
      const answers = await rotating(server.url)
      expect(answers.filter((a) => a.status === 429)).toHaveLength(5)
      const stored = answers.find((a) => a.status === 401)!
      const detail = await fetch(`${server.url}/api/health`)
      expect(detail.status).toBe(200)
      await server.kill('SIGKILL')
      const db = await openDatabase({ dataDir: dirs.at(-1)! })
      try {
        const sources = storedRows(await db.db.execute(selectStored))
        expect(sources.get(JSON.parse(stored.text).id)).toBe('127.0.0.1')
      } finally {
        await db.close()
      }
    }, 90_000)

    it('believes X-Forwarded-For from a trusted proxy: each address has its own limit', async () => {
      const server = await start({ TRUSTED_PROXIES: '127.0.0.1/32' })
      const answers = await rotating(server.url)
      expect(answers.filter((a) => a.status === 429)).toHaveLength(0)
    }, 90_000)
  },
)

describe.skipIf(!hasBuild())('server.mjs on a cold start', () => {
  it('opens its port only once ready: OPTIONS and health answer at once from the first moment', async () => {
    // A fresh data directory: the slowest open there is (initdb, migrations).
    const dir = mkdtempSync(path.join(tmpdir(), 'konpro-cold-'))
    const port = await freePort()
    const child = spawn(process.execPath, ['server.mjs', '-p', String(port), '-H', '127.0.0.1'], {
      detached: true,
      stdio: 'ignore',
      env: {
        ...process.env,
        DATA_DIR: dir,
        DATABASE_URL: '',
        KONPRO_API_KEY: '',
        ADMIN_EMAIL: '',
        ADMIN_PASSWORD: '',
      },
    })
    const url = `http://127.0.0.1:${port}`
    try {
      const timed = async (init: RequestInit & { path: string }) => {
        const started = performance.now()
        const res = await fetch(`${url}${init.path}`, {
          ...init,
          signal: AbortSignal.timeout(5_000),
        })
        return { status: res.status, ms: performance.now() - started }
      }
      let options: { status: number; ms: number } | undefined
      for (let i = 0; i < 600 && !options; i++) {
        options = await timed({ path: '/api/webhooks/konpro', method: 'OPTIONS' }).catch(
          () => undefined,
        )
        if (!options) await new Promise((r) => setTimeout(r, 50))
      }
      expect(options).toMatchObject({ status: 200 })
      expect(options!.ms).toBeLessThan(1000)
      const health = await timed({ path: '/api/health' })
      expect(health.status).toBe(200)
      expect(health.ms).toBeLessThan(1000)
    } finally {
      process.kill(-child.pid!, 'SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
