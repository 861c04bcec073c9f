// `konpro-console forward`: follows the console's live stream with a personal access token and
// re-sends every delivery, in the order the stream sends them, to a local URL. What was handled is
// kept in a state file after each delivery (a cautious resume point and the few ids handled above
// it, see handled.mjs), and every (re)connection asks the stream to resume after that point, so a
// cut connection, a sleeping laptop or a restart loses nothing, a lower id that commits late
// included, and sends nothing twice. The delivery being sent is recorded too: after a hard kill
// mid-request it is sent again, marked as such.
import { ForwardError } from './errors.mjs'
import { readSse } from './sse.mjs'
import { handledSince } from './handled.mjs'
import { forwardedHeaders, send } from './send.mjs'
import { readState, writeState } from './state.mjs'

const UNITS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }
// The stream sends a heartbeat every 15 s; three missed ones mean the connection is gone.
const IDLE_MS = 45_000
const MAX_BACKOFF_MS = 30_000
// Details fetched ahead of the delivery being sent.
const PREFETCH = 8

export { ForwardError }

/** `10m`, `2h`, `30s`, `1d` → { ms }; a delivery id → { id }. */
export function parseSince(value) {
  const duration = /^(\d+)([smhd])$/.exec(value)
  if (duration) return { ms: Number(duration[1]) * UNITS[duration[2]] }
  if (/^\d{1,15}$/.test(value)) return { id: Number(value) }
  throw new ForwardError(
    `--since takes a duration such as 10m, 2h or 1d, or a delivery id; got "${value}".`,
  )
}

const sleep = (ms, signal) =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true })
  })

const pad = (text, width) => (text.length >= width ? text : text + ' '.repeat(width - text.length))

/**
 * @param {{ url: string, token: string, to: string, provider?: string, type?: string[], since?: string,
 *   state: string, timeout: number }} options
 * @param {{ log?: (line: string) => void, warn?: (line: string) => void, signal?: AbortSignal }} io
 */
export async function forward(
  options,
  { log = console.log, warn = console.error, signal = new AbortController().signal } = {},
) {
  const consoleUrl = options.url.replace(/\/+$/, '')
  const target = new URL(options.to)
  const since = options.since ? parseSince(options.since) : null
  const saved = since ? null : readState(options.state, consoleUrl)
  // Where to resume: after the saved point, just before the id asked for, or (null until the first
  // connection says) where the stream starts.
  const start = since?.id !== undefined ? Math.max(0, since.id - 1) : (saved?.after ?? null)
  let handled = start === null ? null : handledSince(start, saved?.handled)
  const save = (inFlight) =>
    writeState(options.state, consoleUrl, {
      after: handled.after,
      handled: handled.ids(),
      inFlight,
    })
  const types = new Set(options.type ?? [])
  const auth = { authorization: `Bearer ${options.token}` }
  let backoff = 1_000

  if (saved)
    warn(
      `Resuming after delivery #${saved.after}${saved.handled ? `, ${saved.handled.length} handled after it already` : ''} (state in ${options.state}).`,
    )
  // Killed while the local app held this delivery: it may have arrived, or not. Sending it again
  // marked lets the app drop the copy; not sending it could lose it.
  let redeliver = saved?.inFlight ?? null
  if (redeliver !== null)
    warn(
      `Delivery #${redeliver} was being sent when the forwarder stopped and may have reached ${target.origin} already; sending it again with X-Konpro-Console-Redelivery: 1.`,
    )

  const wanted = (summary) =>
    (!options.provider || summary.provider === options.provider) &&
    (types.size === 0 || types.has(summary.eventType ?? ''))

  const fetchDetail = async (id) => {
    const res = await fetch(`${consoleUrl}/api/events/${id}`, { headers: auth, signal })
    if (res.status === 404) return null
    if (res.status === 401) throw new ForwardError(await refusal(res))
    if (!res.ok) throw new Error(`the console answered ${res.status} for delivery #${id}`)
    return (await res.json()).event
  }

  /** Forwards one delivery; retries while the local app cannot be reached, so none is skipped. */
  const handle = async (item) => {
    const detail = await item.detail()
    if (detail === null) {
      log(
        `${new Date().toISOString()}  #${item.summary.id}  ${pad(item.summary.eventType ?? '-', 28)}  skipped: no longer stored`,
      )
      return true
    }
    // A failed attempt may still have reached the app (it took the request, then no answer came
    // in time), so every attempt after the first is marked as a possible copy.
    let tried = detail.id === redeliver
    for (;;) {
      if (signal.aborted) return false
      // Recorded before the first byte leaves: a kill from here until the answer is recorded
      // leaves this delivery marked as possibly received.
      save(detail.id)
      const started = performance.now()
      try {
        const { status } = await send(target, {
          method: detail.method,
          headers: forwardedHeaders(detail.headers, detail.id, { redelivery: tried }),
          body: Buffer.from(detail.bodyBase64, 'base64'),
          timeoutMs: options.timeout,
        })
        const ms = performance.now() - started
        log(
          `${new Date().toISOString()}  #${detail.id}  ${pad(detail.eventType ?? '-', 28)}  → ${status}  ${ms.toFixed(1)} ms`,
        )
        return true
      } catch (error) {
        tried = true
        warn(
          `#${detail.id}: ${target.origin} did not answer (${error.message}); trying again in ${backoff / 1000} s.`,
        )
        await sleep(backoff, signal)
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS)
      }
    }
  }

  while (!signal.aborted) {
    const connection = new AbortController()
    const stop = () => connection.abort()
    signal.addEventListener('abort', stop, { once: true })
    try {
      const query = handled === null && since?.ms ? `?since=${since.ms}` : ''
      const res = await fetch(`${consoleUrl}/api/events/stream${query}`, {
        headers: {
          ...auth,
          accept: 'text/event-stream',
          ...(handled !== null ? { 'last-event-id': String(handled.after) } : {}),
        },
        signal: connection.signal,
      })
      if (res.status === 401) throw new ForwardError(await refusal(res))
      if (!res.ok || !res.body) throw new Error(`the console answered ${res.status}`)
      if (handled === null) {
        handled = handledSince(Number(res.headers.get('x-stream-after') ?? 0))
        save()
      }
      warn(
        `Following ${consoleUrl} after delivery #${handled.after}; forwarding to ${target.href}.`,
      )
      backoff = 1_000
      await drain(res.body, connection)
      if (!signal.aborted) warn(`The stream ended; resuming after delivery #${handled.after}.`)
    } catch (error) {
      if (error instanceof ForwardError) throw error
      if (signal.aborted) break
      warn(
        `Lost the connection to ${consoleUrl} (${error.cause?.code ?? error.message}); resuming after delivery #${handled?.after ?? 'the latest'} in ${backoff / 1000} s.`,
      )
      await sleep(backoff, signal)
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS)
    } finally {
      signal.removeEventListener('abort', stop)
      connection.abort()
    }
  }

  /**
   * Reads the stream into a queue while the deliveries at its head are sent one at a time, in
   * the order they came; the next few details are fetched meanwhile. Whatever is still queued
   * when the connection drops was not forwarded, and the stream sends it again after the resume
   * point.
   */
  async function drain(body, connection) {
    const queue = []
    const queued = new Set()
    let ended = null
    let wake = null
    const reading = (async () => {
      try {
        for await (const message of readSse(body, {
          idleMs: IDLE_MS,
          onIdle: () => connection.abort(),
        })) {
          if (message.event !== 'delivery') continue
          const summary = JSON.parse(message.data)
          // The stream replays the few deliveries handled above the resume point, and a lower id
          // that committed late comes after higher ones: skip only what was handled or queued.
          if (queued.has(summary.id) || handled.seen(summary.id, summary.receivedAt)) continue
          queued.add(summary.id)
          let detail = null
          queue.push({
            summary,
            wanted: wanted(summary),
            detail: () => (detail ??= fetchDetail(summary.id)),
          })
          wake?.()
        }
        ended = { done: true }
      } catch (error) {
        ended = { error }
      }
      wake?.()
    })()
    try {
      for (;;) {
        if (queue.length === 0) {
          if (ended) break
          await new Promise((resolve) => (wake = resolve))
          wake = null
          continue
        }
        // Fetch ahead, but keep nothing unread for long: a handful of details at a time.
        for (const item of queue.slice(0, PREFETCH)) if (item.wanted) item.detail().catch(() => {})
        const item = queue.shift()
        if (item.wanted) {
          if (!(await handle(item))) return
          if (item.summary.id === redeliver) redeliver = null
        }
        queued.delete(item.summary.id)
        handled.add(item.summary.id, item.summary.receivedAt)
        save()
        if (signal.aborted) return
      }
      if (ended?.error) throw ended.error
    } finally {
      connection.abort()
      await reading
    }
  }
}

async function refusal(res) {
  const body = await res.json().catch(() => null)
  return `The console refused the token: ${body?.error ?? `HTTP ${res.status}`}`
}
