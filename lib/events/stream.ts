import 'server-only'
import type { SessionDb } from '../auth/current'
import { onNewEvents } from './live-hub'
import { listEventsAfter } from './queries'
import { STREAM_EVENT, type EventSummary } from './types'

// Ids come from a sequence, so with several writers a lower id can commit just after a higher
// one was sent. The stream re-reads a short trailing window (by time) and skips what it sent.
const GRACE_MS = 5_000
const RECHECK_MS = 2_000
const HEARTBEAT_MS = 15_000

const encoder = new TextEncoder()
const frame = (e: EventSummary) => encoder.encode(`id: ${e.id}\nevent: ${STREAM_EVENT}\ndata: ${JSON.stringify(e)}\n\n`)

/** An SSE body that replays every row after `after`, then streams new ones as they commit. */
export function eventStream(db: SessionDb, after: number, signal: AbortSignal): ReadableStream<Uint8Array> {
  let floor = after
  const sent = new Map<number, number>() // id -> when sent
  let running = false
  let again = false
  let unsubscribe: (() => void) | null = null
  const timers: Array<ReturnType<typeof setInterval>> = []

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const close = () => {
        timers.forEach(clearInterval)
        unsubscribe?.()
        try {
          controller.close()
        } catch {
          // already closed by the client
        }
      }
      const pump = async () => {
        if (running) return void (again = true)
        running = true
        try {
          do {
            again = false
            for (;;) {
              const rows = await listEventsAfter(db, { after: floor, limit: 500 })
              const fresh = rows.filter((r) => !sent.has(r.id))
              const now = Date.now()
              for (const row of fresh) {
                controller.enqueue(frame(row))
                sent.set(row.id, now)
              }
              // Any id below one sent GRACE_MS ago was allocated earlier and has committed by now.
              for (const [id, at] of sent) if (now - at > GRACE_MS && id > floor) floor = id
              for (const id of sent.keys()) if (id <= floor) sent.delete(id)
              if (rows.length < 500 || fresh.length === 0) break
            }
          } while (again && !signal.aborted)
        } catch {
          // A failed read is retried by the next notification or re-check.
        } finally {
          running = false
        }
      }
      signal.addEventListener('abort', close)
      controller.enqueue(encoder.encode(`retry: 2000\n: connected\n\n`))
      unsubscribe = await onNewEvents(() => void pump())
      timers.push(setInterval(() => void pump(), RECHECK_MS))
      timers.push(setInterval(() => controller.enqueue(encoder.encode(`: heartbeat\n\n`)), HEARTBEAT_MS))
      await pump()
    },
    cancel() {
      timers.forEach(clearInterval)
      unsubscribe?.()
    },
  })
}
