import 'server-only'
import type { ServerResponse } from 'node:http'
import type { SessionDb } from '../auth/current'
import { processLiveHub, type Frame, type LiveHub } from './live-hub'
import { listEventsAfter } from './queries'
import { endFrame, resumePoint, type SentRow } from './stream-limit'
import { STREAM_EVENT, type EventSummary } from './types'

const HEARTBEAT_MS = 15_000
const PAGE = 500
/** What one stream may hold for a reader that does not keep up before it is cut off. */
export const MAX_BUFFERED_BYTES = 1 << 20
const HIGH_WATER_MARK = 64 * 1024

const encoder = new TextEncoder()
export const frameOf = (e: EventSummary) =>
  encoder.encode(`id: ${e.id}\nevent: ${STREAM_EVENT}\ndata: ${JSON.stringify(e)}\n\n`)

/** Where a stream's bytes go: a web stream's controller (route handlers) or a Node response. */
interface Sink {
  /** Queues `bytes` for the reader; answers how many bytes now wait for it. */
  write(bytes: Uint8Array): number
  end(): void
  /** Ends the stream as failed; the reader reconnects with Last-Event-ID. */
  fail(error: Error): void
}

export interface StreamOptions {
  /** End the stream this long after it opened, with a safe resume point (see stream-limit.ts). */
  limitMs?: number
  graceMs?: number
  hub?: LiveHub
}

/**
 * One stream's feed: it replays every row after `after` from the database (one page per
 * `pull`, so the reader paces it), then writes the frames the process's one live reader hands
 * to every stream. A reader that falls more than MAX_BUFFERED_BYTES behind is cut off (its
 * buffer freed); it reconnects with Last-Event-ID and the replay brings what it missed.
 */
function openFeed(db: SessionDb, after: number, sink: Sink, options: StreamOptions) {
  const { limitMs, graceMs, hub = processLiveHub(db, frameOf) } = options
  let cursor = after
  let live = false
  let closed = false
  let hubFloor = Number.POSITIVE_INFINITY
  const replayed = new Set<number>() // replayed ids the hub may hand out too (above its floor)
  let pending: Frame[] = [] // handed out while the replay runs
  let pendingBytes = 0
  let unsubscribe: (() => void) | null = null
  let heartbeat: ReturnType<typeof setInterval> | undefined
  let limit: ReturnType<typeof setTimeout> | undefined
  const resume = resumePoint(after, graceMs)

  const finish = () => {
    if (closed) return false
    closed = true
    clearInterval(heartbeat)
    clearTimeout(limit)
    unsubscribe?.()
    unsubscribe = null
    pending = []
    return true
  }
  const cutOff = () => {
    if (finish())
      sink.fail(new Error('live stream reader too slow: cut off; it resumes with Last-Event-ID'))
  }
  const write = (bytes: Uint8Array) => {
    if (!closed && sink.write(bytes) > MAX_BUFFERED_BYTES) cutOff()
  }
  const push = (frames: readonly Frame[], joined?: Uint8Array) => {
    const fresh =
      replayed.size && frames.some((f) => replayed.has(f.id))
        ? frames.filter((f) => !replayed.has(f.id))
        : frames
    resume.sent(fresh)
    if (joined && fresh === frames) write(joined)
    else for (const f of fresh) write(f.bytes)
  }

  const ready = (async () => {
    write(encoder.encode(`retry: 2000\n: connected\n\n`))
    const subscription = await hub.subscribe({
      deliver({ frames, joined }) {
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
    heartbeat = setInterval(() => write(encoder.encode(`: heartbeat\n\n`)), HEARTBEAT_MS)
    if (limitMs)
      limit = setTimeout(() => {
        const bytes = endFrame(resume.now(), limitMs)
        if (closed) return
        sink.write(bytes)
        finish()
        sink.end()
      }, limitMs)
  })()

  return {
    ready,
    /** Replays the next page; once the replay is done the feed is live and this does nothing. */
    async pull() {
      if (live || closed) return
      const rows = await listEventsAfter(db, { after: cursor, limit: PAGE })
      if (closed) return
      const sent: SentRow[] = []
      for (const row of rows) {
        sink.write(frameOf(row))
        sent.push({ id: row.id, storedAt: Date.parse(row.receivedAt) })
        if (row.id > hubFloor) replayed.add(row.id)
        cursor = row.id
      }
      resume.sent(sent)
      if (rows.length < PAGE) {
        live = true
        const queued = pending
        pending = []
        pendingBytes = 0
        if (queued.length) push(queued)
      }
    },
    get replaying() {
      return !live && !closed
    },
    /** Stops the feed; answers false when it had stopped already. */
    close: finish,
  }
}

/** The live stream as a web stream, for route handlers. */
export function eventStream(
  db: SessionDb,
  after: number,
  signal: AbortSignal,
  options: StreamOptions = {},
): ReadableStream<Uint8Array> {
  let feed!: ReturnType<typeof openFeed>
  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        feed = openFeed(
          db,
          after,
          {
            write(bytes) {
              c.enqueue(bytes)
              return HIGH_WATER_MARK - (c.desiredSize ?? 0)
            },
            end: () => c.close(),
            fail: (error) => c.error(error),
          },
          options,
        )
        signal.addEventListener('abort', () => {
          if (!feed.close()) return
          try {
            c.close()
          } catch {
            // already closed by the client
          }
        })
        return feed.ready
      },
      pull: () => feed.pull(),
      cancel: () => void feed.close(),
    },
    { highWaterMark: HIGH_WATER_MARK, size: (chunk) => chunk.byteLength },
  )
}

/**
 * The live stream written straight to a Node response (server.mjs): the same feed without the
 * web-stream layers between it and the socket, which with many streams open cost the ingest path.
 */
export function writeEventStream(
  db: SessionDb,
  after: number,
  res: ServerResponse,
  options: StreamOptions = {},
) {
  const feed = openFeed(
    db,
    after,
    {
      write(bytes) {
        res.write(bytes)
        return res.writableLength
      },
      end: () => void res.end(),
      fail: () => void res.destroy(),
    },
    options,
  )
  let pumping = false
  const pump = async () => {
    if (pumping) return
    pumping = true
    try {
      while (feed.replaying && res.writableLength < HIGH_WATER_MARK) await feed.pull()
    } catch (error) {
      console.error('Live stream: replaying stored deliveries failed.', error)
      feed.close()
      res.destroy()
    } finally {
      pumping = false
    }
  }
  res.on('close', () => feed.close())
  res.on('drain', () => void pump())
  feed.ready.then(pump, (error: unknown) => {
    console.error('Live stream: could not start.', error)
    feed.close()
    res.destroy()
  })
}
