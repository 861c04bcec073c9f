import 'server-only'
import type { LookupAddress } from 'node:dns'
import { lookup } from 'node:dns/promises'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import type { Db } from '../db/client'
import { bareHostname, isRefusedName, mayConnect } from './address-policy'
import { allowedHostsForPolicy } from './allowed-hosts'

// The one way the console calls a URL someone typed (replays, the sandboxes' sends). The host is
// resolved once, every address is checked, and the socket is opened to those checked addresses
// only: a name that answers a public address to the check and a private one to the connection
// (DNS rebinding) gets nowhere. That holds for the hosts allowed under Settings too: they are
// judged on the addresses the socket is pinned to.

export type OutboundResult =
  { ok: true; status: number } | { ok: false; reason: 'blocked' | 'unreachable'; message: string }

export const BLOCKED_MESSAGE =
  'the URL points at a private, loopback, link-local or cloud metadata address; only public addresses can receive events'
// One text for every way a call can fail, so the answers cannot be used to map which ports and
// hosts exist: refused, reset, timed out and unresolvable all read the same.
export const UNREACHABLE_MESSAGE =
  'could not reach the URL (no answer in time, the connection failed, or the name did not resolve)'

const blocked: OutboundResult = { ok: false, reason: 'blocked', message: BLOCKED_MESSAGE }
const unreachable: OutboundResult = {
  ok: false,
  reason: 'unreachable',
  message: UNREACHABLE_MESSAGE,
}

export interface OutboundRequest {
  method: 'OPTIONS' | 'POST'
  headers?: Record<string, string>
  body?: string
  /** For the whole call: lookup, connect, TLS and the response's status line. */
  timeoutMs: number
}

/**
 * The policy for the addresses about to be connected to. Settings' list is read only when the
 * fixed rules refuse, and then on every call: a public target costs no query, and a host removed
 * under Settings is refused from the next request on, on every instance.
 */
export async function mayConnectNow(
  db: Db,
  url: URL,
  addresses: readonly string[],
): Promise<boolean> {
  return mayConnect(url, addresses) || mayConnect(url, addresses, await allowedHostsForPolicy(db))
}

/** Sends one request to a checked address, without following redirects, and reports its status. */
export async function sendOutbound(
  db: Db,
  target: string,
  request: OutboundRequest,
): Promise<OutboundResult> {
  let url: URL
  try {
    url = new URL(target)
  } catch {
    return blocked
  }
  if (isRefusedName(url)) return blocked
  const deadline = AbortSignal.timeout(request.timeoutMs)
  let addresses: LookupAddress[]
  try {
    addresses = await resolve(bareHostname(url), deadline)
  } catch {
    return unreachable
  }
  if (
    !(await mayConnectNow(
      db,
      url,
      addresses.map((a) => a.address),
    ))
  )
    return blocked
  try {
    return { ok: true, status: await send(url, addresses, request, deadline) }
  } catch {
    return unreachable
  }
}

async function resolve(host: string, deadline: AbortSignal): Promise<LookupAddress[]> {
  const family = isIP(host)
  if (family) return [{ address: host, family }]
  // dns.lookup takes no signal; the race keeps a slow resolver inside the deadline.
  const aborted = new Promise<never>((_, reject) => {
    if (deadline.aborted) reject(deadline.reason)
    deadline.addEventListener('abort', () => reject(deadline.reason), { once: true })
  })
  const found = await Promise.race([lookup(host, { all: true, verbatim: true }), aborted])
  if (found.length === 0) throw new Error('no address')
  return found
}

/** Answers the socket's own lookup with the addresses already checked, never asking DNS again. */
const pinnedLookup =
  (addresses: LookupAddress[]): LookupFunction =>
  (_hostname, options, callback) => {
    const first = addresses[0]!
    if (options.all) callback(null, addresses)
    else callback(null, first.address, first.family)
  }

/**
 * Sends `body` to `url` over a fresh socket to the checked `addresses` only: a pooled socket could
 * outlive the check that allowed it. Errors go to `onError`.
 */
function pinnedRequest(
  url: URL,
  addresses: LookupAddress[],
  request: { method: string; headers: Record<string, string>; body: Buffer | undefined },
  deadline: AbortSignal,
  onResponse: (res: IncomingMessage) => void,
  onError: (error: Error) => void,
  onConnect?: () => void,
) {
  const makeRequest = url.protocol === 'https:' ? httpsRequest : httpRequest
  const { body } = request
  const req = makeRequest(
    {
      protocol: url.protocol,
      hostname: bareHostname(url),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: request.method,
      headers: { ...request.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      lookup: pinnedLookup(addresses),
      agent: false,
      signal: deadline,
    },
    onResponse,
  )
  req.on('error', onError)
  if (onConnect) req.once('socket', (socket) => socket.once('connect', onConnect))
  req.end(body)
}

function send(
  url: URL,
  addresses: LookupAddress[],
  request: OutboundRequest,
  deadline: AbortSignal,
): Promise<number> {
  const body = request.body === undefined ? undefined : Buffer.from(request.body)
  return new Promise((resolvePromise, reject) =>
    pinnedRequest(
      url,
      addresses,
      { method: request.method, headers: request.headers ?? {}, body },
      deadline,
      (res) => {
        resolvePromise(res.statusCode ?? 0)
        // Only the status matters; the body is not read.
        res.destroy()
      },
      reject,
    ),
  )
}

export interface CapturedAnswer {
  status: number
  headers: Record<string, string>
  /** The first `maxBodyBytes` of the answer, as UTF-8 text (replacement characters where it is not). */
  body: string
  latencyMs: number
}
export type CapturedResult =
  | { ok: true; answer: CapturedAnswer }
  | { ok: false; reason: 'blocked' | 'unreachable' | 'timeout'; message: string; latencyMs: number }

/**
 * A replay's target that was reached but did not answer in time. Unlike the sandboxes' sends,
 * which word every failure alike, a replay says so: its admin is debugging that very target (a
 * public or allowed address only), and "reached but silent" is the clue they need.
 */
function timedOut(timeoutMs: number, status: number | null): string {
  const within = `${timeoutMs / 1000} s`
  return status === null
    ? `no answer within ${within}: the target took the request but did not answer in time`
    : `the answer (status ${status}) did not finish within ${within}: the target stopped sending its body`
}

/**
 * Replays: any method, exact body bytes, and the answer kept (status, headers, the first bytes of
 * the body, latency). The same checks as sendOutbound: one lookup, every address checked, the
 * socket pinned to them, no redirects followed, one deadline for the whole call.
 */
export async function sendOutboundCapturing(
  db: Db,
  target: string,
  request: {
    method: string
    headers: Record<string, string>
    body: Uint8Array
    timeoutMs: number
    maxBodyBytes: number
  },
): Promise<CapturedResult> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  let url: URL
  try {
    url = new URL(target)
  } catch {
    return { ...blocked, latencyMs: 0 } as CapturedResult
  }
  if (isRefusedName(url)) return { ...blocked, latencyMs: 0 } as CapturedResult
  const deadline = AbortSignal.timeout(request.timeoutMs)
  let addresses: LookupAddress[]
  try {
    addresses = await resolve(bareHostname(url), deadline)
  } catch {
    return { ...unreachable, latencyMs: elapsed() } as CapturedResult
  }
  if (
    !(await mayConnectNow(
      db,
      url,
      addresses.map((a) => a.address),
    ))
  )
    return { ...blocked, latencyMs: elapsed() } as CapturedResult
  const withBody = request.method !== 'GET' && request.method !== 'HEAD'
  let connected = false
  let status: number | null = null
  try {
    const answer = await new Promise<Omit<CapturedAnswer, 'latencyMs'>>((resolvePromise, reject) =>
      pinnedRequest(
        url,
        addresses,
        {
          method: request.method,
          headers: request.headers,
          body: withBody ? Buffer.from(request.body) : undefined,
        },
        deadline,
        (res) => {
          status = res.statusCode ?? 0
          const chunks: Buffer[] = []
          let kept = 0
          let finished = false
          const done = () => {
            finished = true
            const headers: Record<string, string> = {}
            for (const [name, value] of Object.entries(res.headers))
              if (value !== undefined)
                headers[name] = Array.isArray(value) ? value.join(', ') : value
            resolvePromise({
              status: res.statusCode ?? 0,
              headers,
              body: Buffer.concat(chunks).subarray(0, request.maxBodyBytes).toString('utf8'),
            })
            res.destroy()
          }
          res.on('data', (chunk: Buffer) => {
            chunks.push(chunk)
            kept += chunk.length
            // Enough kept: the rest of a large answer is not read.
            if (kept >= request.maxBodyBytes) done()
          })
          res.on('end', done)
          res.on('error', reject)
          // An answer cut off by the deadline may close without an error of its own.
          res.on('close', () => finished || reject(new Error('the answer ended early')))
        },
        reject,
        () => (connected = true),
      ),
    )
    return { ok: true, answer: { ...answer, latencyMs: elapsed() } }
  } catch {
    if (connected && deadline.aborted)
      return {
        ok: false,
        reason: 'timeout',
        message: timedOut(request.timeoutMs, status),
        latencyMs: elapsed(),
      }
    return { ...unreachable, latencyMs: elapsed() } as CapturedResult
  }
}
