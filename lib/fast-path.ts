import 'server-only'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { writeEventStream } from './events/stream'
import { openStream, STREAM_PATH } from './events/stream-open'
import { PROVIDER_DEFINITION_LIST } from './providers/registry'
import { processSingleton } from './runtime'
import { securityHeaders } from './security-headers'
import { answerPayload, type Answer, type HeaderReader, type Incoming } from './webhooks/incoming'
import { receiverFor } from './webhooks/receiver'

type Receive = (req: Incoming) => Promise<Answer>
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean

const joined = (value: string | string[] | undefined) =>
  value === undefined ? null : Array.isArray(value) ? value.join(', ') : value

/** Node's headers plus the `x-forwarded-*` ones Next's server adds, so either way stores alike. */
function headersOf(req: IncomingMessage): HeaderReader {
  const encrypted = 'encrypted' in req.socket && req.socket.encrypted === true
  const headers: IncomingHttpHeaders = {
    'x-forwarded-host': req.headers.host ?? 'localhost',
    'x-forwarded-port': String(req.socket.localPort ?? ''),
    'x-forwarded-proto': encrypted ? 'https' : 'http',
    ...(req.socket.remoteAddress ? { 'x-forwarded-for': req.socket.remoteAddress } : {}),
    ...req.headers,
  }
  return {
    get: (name) => joined(headers[name.toLowerCase()]),
    forEach(fn) {
      for (const [name, value] of Object.entries(headers))
        if (value !== undefined) fn(joined(value)!, name)
    },
  }
}

/** The body, at most `limit` bytes; past that, reading stops and the rest is discarded. */
function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array | null> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(null)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let total = 0
    const done = (settle: () => void) => {
      req.off('data', onData).off('end', onEnd).off('error', reject).off('close', onClose)
      settle()
    }
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength
      if (total <= limit) return void chunks.push(chunk)
      done(() => resolve(null))
      req.resume() // drain what is still coming, so the 413 reaches the sender
    }
    const onEnd = () =>
      done(() => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)))
    const onClose = () =>
      done(() => reject(new Error('The sender closed the connection mid-body.')))
    req.on('data', onData).on('end', onEnd).on('error', reject).on('close', onClose)
  })
}

function send(res: ServerResponse, answer: Answer) {
  const { text, contentType } = answerPayload(answer)
  res
    .writeHead(answer.status, {
      ...answer.headers,
      'content-type': contentType,
      ...(text === null ? {} : { 'content-length': Buffer.byteLength(text) }),
    })
    .end(text ?? undefined)
}

/** The request as a web Request, for the session checks route handlers share. */
function webRequest(req: IncomingMessage): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers))
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
      headers.append(name, v)
  return new Request(new URL(req.url ?? '/', 'http://localhost'), { headers })
}

/**
 * GET /api/events/stream written straight to the socket: with many browsers open, Next's
 * web-stream plumbing per write costs the receivers on the same process most of their time.
 * The same checks and answers as the route handler (app/api/events/stream/route.ts).
 */
async function serveStream(req: IncomingMessage, res: ServerResponse) {
  const request = webRequest(req)
  const opened = await openStream(request)
  const security = securityHeaders(request.headers, null)
  if (opened instanceof Response) {
    const text = await opened.text()
    res.writeHead(opened.status, { ...Object.fromEntries(opened.headers), ...security }).end(text)
    return
  }
  res.writeHead(200, { ...opened.headers, ...security })
  res.flushHeaders()
  writeEventStream(opened.db, opened.after, res, { limitMs: opened.limitMs })
}

/**
 * A Node request handler for POSTs to `routes` and, with `stream`, the live stream's GETs; it
 * declines (returns false) everything else.
 */
export function createFastPath(
  routes: Record<string, Receive>,
  { stream = false }: { stream?: boolean } = {},
): FastPath {
  return (req, res) => {
    if (stream && req.method === 'GET' && req.url?.split('?')[0] === STREAM_PATH) {
      serveStream(req, res).catch((error: unknown) => {
        console.error('Unexpected error opening the live stream', error)
        if (!res.headersSent)
          send(res, { status: 500, headers: {}, body: { error: 'Internal error.' } })
        else res.destroy()
      })
      return true
    }
    if (req.method !== 'POST') return false
    const path = req.url?.split('?')[0] ?? ''
    const receive = Object.hasOwn(routes, path) ? routes[path] : undefined
    if (!receive) return false
    receive({
      method: 'POST',
      headers: headersOf(req),
      readBody: (limit) => readBody(req, limit),
    }).then(
      (answer) => send(res, answer),
      (error: unknown) => {
        console.error(`Unexpected error answering POST ${path}`, error)
        if (!res.headersSent)
          send(res, { status: 500, headers: {}, body: { error: 'Internal error.' } })
      },
    )
    return true
  }
}

/**
 * Publishes every provider's receiver and the live stream to server.mjs, which looks for the process singleton
 * `fast-path`; under `next start` or on Vercel nothing reads it.
 */
export function registerFastPath() {
  processSingleton('fast-path', () =>
    createFastPath(
      Object.fromEntries(
        PROVIDER_DEFINITION_LIST.map((d) => [d.catalog.receiverPath, receiverFor(d).receive]),
      ),
      { stream: true },
    ),
  )
}
