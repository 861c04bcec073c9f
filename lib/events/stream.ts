import 'server-only'
import type { SessionDb } from '../auth/current'
import { processLiveHub, type Batch, type Frame, type LiveHub } from './live-hub'
import { listEventsAfter } from './queries'
import { STREAM_EVENT, type EventSummary } from './types'

const HEARTBEAT_MS = 15_000
const PAGE = 500
/** What one stream may hold for a reader that does not keep up before it is cut off. */
export const MAX_BUFFERED_BYTES = 1 << 20
const HIGH_WATER_MARK = 64 * 1024

const encoder = new TextEncoder()
export const frameOf = (e: EventSummary) =>
  encoder.encode(`id: ${e.id}\nevent: ${STREAM_EVENT}\ndata: ${JSON.stringify(e)}\n\n`)

/**
 * An SSE body that replays every row after `after` from the database (paced by the reader:
 * one page per pull), then carries the frames the process's one live reader hands to every
 * stream. A reader that falls more than MAX_BUFFERED_BYTES behind is cut off (its buffer
 * freed); the browser reconnects with Last-Event-ID and the replay brings what it missed.
 */
export function eventStream(
  db: SessionDb,
  after: number,
  signal: AbortSignal,
  hub: LiveHub = processLiveHub(db, frameOf),
): ReadableStream<Uint8Array> {
  let cursor = after
  let live = false
  let closed = false
  let hubFloor = Number.POSITIVE_INFINITY
  const replayed = new Set<number>() // replayed ids the hub may hand out too (above its floor)
  let pending: Frame[] = [] // handed out while the replay runs
  let pendingBytes = 0
  let unsubscribe: (() => void) | null = null
  let heartbeat: ReturnType<typeof setInterval> | null = null
  let controller!: ReadableStreamDefaultController<Uint8Array>

  const finish = () => {
    closed = true
    if (heartbeat) clearInterval(heartbeat)
    unsubscribe?.()
    unsubscribe = null
    pending = []
  }
  const cutOff = () => {
    if (closed) return
    finish()
    controller.error(
      new Error('live stream reader too slow: cut off; it resumes with Last-Event-ID'),
    )
  }
  const push = (frames: readonly Frame[], joined?: Uint8Array) => {
    if (joined && !(replayed.size && frames.some((f) => replayed.has(f.id))))
      controller.enqueue(joined)
    else for (const f of frames) if (!replayed.has(f.id)) controller.enqueue(f.bytes)
    if ((controller.desiredSize ?? 0) < HIGH_WATER_MARK - MAX_BUFFERED_BYTES) cutOff()
  }

  return new ReadableStream<Uint8Array>(
    {
      async start(c) {
        controller = c
        c.enqueue(encoder.encode(`retry: 2000\n: connected\n\n`))
        signal.addEventListener('abort', () => {
          if (closed) return
          finish()
          try {
            c.close()
          } catch {
            // already closed by the client
          }
        })
        const subscription = await hub.subscribe({
          deliver({ frames, joined }: Batch) {
            if (closed) return
            if (live) return push(frames, joined)
            pending.push(...frames)
            pendingBytes += joined.byteLength
            if (pendingBytes > MAX_BUFFERED_BYTES) cutOff()
          },
        })
        if (closed) return subscription.unsubscribe()
        unsubscribe = subscription.unsubscribe
        hubFloor = subscription.floor
        heartbeat = setInterval(() => {
          if (closed) return
          c.enqueue(encoder.encode(`: heartbeat\n\n`))
          if ((c.desiredSize ?? 0) < HIGH_WATER_MARK - MAX_BUFFERED_BYTES) cutOff()
        }, HEARTBEAT_MS)
      },
      async pull(c) {
        if (live || closed) return
        const rows = await listEventsAfter(db, { after: cursor, limit: PAGE })
        if (closed) return
        for (const row of rows) {
          c.enqueue(frameOf(row))
          if (row.id > hubFloor) replayed.add(row.id)
          cursor = row.id
        }
        if (rows.length < PAGE) {
          live = true
          const queued = pending
          pending = []
          pendingBytes = 0
          push(queued)
        }
      },
      cancel() {
        finish()
      },
    },
    { highWaterMark: HIGH_WATER_MARK, size: (chunk) => chunk.byteLength },
  )
}
