import 'server-only'
import { PEER_HEADER } from './client-address'
// Shared with server.mjs, which answers the receivers' OPTIONS checks itself.
import receivers from './receivers.json'

/** The security headers proxy.ts sets elsewhere, for the receivers it skips. */
export const RECEIVER_HEADERS: Readonly<Record<string, string>> = receivers.headers

/** KonPro validates a new endpoint with OPTIONS and a 1-second timeout: answer at once, no I/O. */
export function answerOptions() {
  return new Response(null, {
    status: 200,
    headers: { ...RECEIVER_HEADERS, allow: 'OPTIONS, POST' },
  })
}

// Headers the console's own server writes on a request (server.mjs: the socket's address). They are
// not part of the delivery: stored, they would show in the detail page and in "Copy as cURL".
const INTERNAL_HEADERS = new Set([PEER_HEADER])

/** Whether `name` is a header the console added, not one the sender sent. */
export const isInternalHeader = (name: string) => INTERNAL_HEADERS.has(name.toLowerCase())

/** A delivery's headers without the console's own (also for rows stored before they were left out). */
export function deliveryHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !isInternalHeader(name)))
}

/** What a receiver reads of headers: a web `Headers`, or server.mjs's view of Node's. */
export interface HeaderReader {
  get(name: string): string | null
  forEach(fn: (value: string, name: string) => void): void
}

/** A request as the receivers see it, whether it came through Next or straight from Node. */
export interface Incoming {
  method: string
  headers: HeaderReader
  /** The raw body, read once: at most `limit` bytes, null when larger (declared or actual). */
  readBody(limit: number): Promise<Uint8Array | null>
}

/**
 * A receiver's answer, written as a web Response or straight to Node's response: `body` as JSON,
 * or `raw` sent as given (a test answer rule's body, under the rule's own content type).
 */
export interface Answer {
  status: number
  headers: Record<string, string>
  body: unknown
  raw?: string
}

// Statuses that carry no body: writing one is an error for a web Response.
const NO_BODY = new Set([204, 205, 304])

/** The bytes and content type an answer is written with. */
export function answerPayload(a: Answer): { text: string | null; contentType: string } {
  if (NO_BODY.has(a.status))
    return { text: null, contentType: a.headers['content-type'] ?? 'application/json' }
  if (a.raw !== undefined)
    return { text: a.raw, contentType: a.headers['content-type'] ?? 'text/plain' }
  return { text: JSON.stringify(a.body), contentType: 'application/json' }
}

export const answer = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Answer => ({
  status,
  body,
  headers: { ...RECEIVER_HEADERS, ...headers },
})

async function readLimited(req: Request, limit: number): Promise<Uint8Array | null> {
  const declared = Number(req.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > limit) return null
  if (!req.body) return new Uint8Array()
  const reader = req.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limit) {
      await reader.cancel().catch(() => {})
      return null
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

/** A route handler (as the route files export) over a receiver. */
export function webHandler(receive: (incoming: Incoming) => Promise<Answer>) {
  return async (req: Request): Promise<Response> => {
    const a = await receive({
      method: req.method,
      headers: req.headers,
      readBody: (limit) => readLimited(req, limit),
    })
    const { text, contentType } = answerPayload(a)
    return new Response(text, {
      status: a.status,
      headers: { ...a.headers, 'content-type': contentType },
    })
  }
}
