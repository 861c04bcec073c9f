import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFastPath } from './fast-path'
import type { Answer } from './webhooks/incoming'

// The adapter server.mjs calls, over a real socket: what reaches a receiver, and what goes back.
describe('fast path', () => {
  let server: Server
  let url: string
  const LIMIT = 64 * 1024
  const seen: Array<{ headers: Record<string, string>; body: string | null } | { error: string }> =
    []

  beforeAll(async () => {
    const fast = createFastPath({
      '/hook': async (req): Promise<Answer> => {
        const headers: Record<string, string> = {}
        req.headers.forEach((v, k) => (headers[k] = v))
        try {
          const body = await req.readBody(LIMIT)
          seen.push({ headers, body: body === null ? null : Buffer.from(body).toString() })
          return body === null
            ? { status: 413, headers: {}, body: { error: 'too big' } }
            : { status: 202, headers: { 'x-answer': 'yes' }, body: { ok: true } }
        } catch (error) {
          seen.push({ error: String(error) })
          return { status: 400, headers: {}, body: { error: 'unreadable' } }
        }
      },
      '/broken': async () => {
        throw new Error('bug')
      },
    })
    server = createServer((req, res) => {
      if (!fast(req, res)) res.writeHead(418).end('declined')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('hands the receiver the headers and body, and writes its JSON answer', async () => {
    const body = JSON.stringify({ event_type: 'avatar_video.success', pad: 'é'.repeat(20_000) })
    const res = await fetch(`${url}/hook?x=1`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', signature: 'abc' },
    })
    expect(res.status).toBe(202)
    expect(res.headers.get('x-answer')).toBe('yes')
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(await res.json()).toEqual({ ok: true })
    expect(seen.at(-1)).toEqual({
      body,
      headers: expect.objectContaining({
        'content-type': 'application/json',
        signature: 'abc',
        'x-forwarded-for': '127.0.0.1',
        'x-forwarded-proto': 'http',
      }),
    })
  })

  it('keeps forwarded headers a proxy in front already set', async () => {
    await fetch(`${url}/hook`, {
      method: 'POST',
      body: '{}',
      headers: { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' },
    })
    expect(seen.at(-1)).toMatchObject({
      headers: { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' },
    })
  })

  it('stops at the limit, declared or streamed, and the sender still gets the answer', async () => {
    const declared = await fetch(`${url}/hook`, {
      method: 'POST',
      body: Buffer.alloc(LIMIT + 1, 0x61),
    })
    expect(declared.status).toBe(413)
    // Chunked, no length given: the limit is found while reading.
    const chunks = async function* () {
      for (let i = 0; i < 40; i++) yield Buffer.alloc(16 * 1024, 0x62)
    }
    const streamed = await fetch(`${url}/hook`, {
      method: 'POST',
      body: ReadableStreamFrom(chunks()),
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
    expect(seen.at(-1)).toMatchObject({ body: null })
    expect((await fetch(`${url}/hook`, { method: 'POST', body: '{}' })).status).toBe(202)
  })

  it('tells the receiver when the sender hangs up mid-body', async () => {
    const before = seen.length
    const req = request(`${url}/hook`, { method: 'POST', headers: { 'content-length': '1000' } })
    req.on('error', () => {})
    req.write('x'.repeat(10))
    await new Promise((r) => setTimeout(r, 100))
    req.destroy()
    await expect.poll(() => seen.length).toBe(before + 1)
    expect(seen.at(-1)).toMatchObject({ error: expect.stringMatching(/aborted|closed/) })
  })

  it('declines other paths and methods, leaving them to Next', async () => {
    expect((await fetch(`${url}/hook`)).status).toBe(418)
    expect((await fetch(`${url}/other`, { method: 'POST', body: '{}' })).status).toBe(418)
    expect((await fetch(`${url}/__proto__`, { method: 'POST', body: '{}' })).status).toBe(418)
  })

  it('answers 500 with JSON when a receiver throws, and keeps serving', async () => {
    const quiet = console.error
    console.error = () => {}
    try {
      const broken = await fetch(`${url}/broken`, { method: 'POST', body: '{}' })
      expect(broken.status).toBe(500)
      expect(await broken.json()).toEqual({ error: 'Internal error.' })
    } finally {
      console.error = quiet
    }
    expect((await fetch(`${url}/hook`, { method: 'POST', body: '{}' })).status).toBe(202)
  })
})

function ReadableStreamFrom(iterable: AsyncIterable<Uint8Array>) {
  const it = iterable[Symbol.asyncIterator]()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await it.next()
      if (done) controller.close()
      else controller.enqueue(value)
    },
  })
}
