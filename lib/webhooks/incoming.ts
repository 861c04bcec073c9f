import 'server-only'
import { RECEIVER_HEADERS } from './receivers'

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

/** A receiver's JSON answer, written as a web Response or straight to Node's response. */
export interface Answer {
  status: number
  headers: Record<string, string>
  body: unknown
}

export const answer = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({
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
    const a = await receive({ method: req.method, headers: req.headers, readBody: (limit) => readLimited(req, limit) })
    return Response.json(a.body, { status: a.status, headers: a.headers })
  }
}
