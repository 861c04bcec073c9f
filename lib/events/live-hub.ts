import 'server-only'
import type { SessionDb } from '../auth/current'
import { getDatabase } from '../db'
import { processSingleton } from '../runtime'
import { EVENTS_CHANNEL } from './channel'
import { listenForEvents } from './live-mode'
import { latestEventId, listEventsAfter, listEventsByIds } from './queries'
import type { EventSummary } from './types'

/** One encoded SSE frame, the same bytes for every subscriber. */
export interface Frame {
  id: number
  /** When the row was stored (ms): where a stream that ends itself may resume. */
  storedAt: number
  bytes: Uint8Array
}

/** One read's frames, and the same bytes joined (one write per stream instead of one per row). */
export interface Batch {
  frames: readonly Frame[]
  joined: Uint8Array
}

export interface Subscriber {
  /** Called with each batch the hub read, in order; the batch is shared: do not change it. */
  deliver(batch: Batch): void
}

export interface HubSource {
  /** Rows with an id above `after`, ascending, at most `limit`. */
  read(after: number, limit: number): Promise<EventSummary[]>
  /** Those of `ids` that exist now. */
  readIds(ids: number[]): Promise<EventSummary[]>
  /** The highest id stored (0 when none). */
  latest(): Promise<number>
  /** LISTEN for "new rows" wake-ups; resolves to an unsubscribe function. */
  listen(onWake: () => void): Promise<() => Promise<void>>
}

export interface HubOptions {
  encode(row: EventSummary): Uint8Array
  /** How long an id may stay uncommitted after a higher one was read (several writers). */
  graceMs?: number
  /** Re-read this often even without a notification (a NOTIFY can be lost with its connection). */
  recheckMs?: number
  pageSize?: number
  /**
   * While reads keep finding more than one row (a steady flow), the next read waits this long per
   * subscriber after the last one, within `busyWaitMs`: each read is a database round trip and
   * one write per stream, and each wakes another process, so under load the cost per row is what
   * a read and its writes cost divided by the rows they carry. A read that found one row or none
   * (a quiet console) lets the next wake-up read at once.
   */
  busyWaitMsPerSubscriber?: number
  busyWaitMs?: readonly [min: number, max: number]
}

// Beyond this many skipped ids at once, the jump is not a commit race (a rolled-back batch,
// another instance's sequence cache): those ids are not waited for.
const MAX_GAPS = 10_000

/**
 * One reader per process for every open live stream: on each notification (coalesced) it reads
 * the rows above the highest id it has handed out, once, encodes each once, and hands the same
 * frames to every subscriber. Ids come from a sequence, so with several writers a lower id can
 * commit just after a higher one was read: the ids skipped over are remembered for `graceMs` and
 * fetched by id (the primary key) when they commit, never by re-reading a window.
 * With no subscriber it reads nothing: an idle console costs the ingest path nothing.
 */
export function createLiveHub(source: HubSource, options: HubOptions) {
  const {
    encode,
    graceMs = 5_000,
    recheckMs = 2_000,
    pageSize = 500,
    busyWaitMsPerSubscriber = 0.5,
    busyWaitMs: [minWait, maxWait] = [10, 100],
  } = options
  const subscribers = new Set<Subscriber>()
  let high = 0 // highest id handed out (or stored when the hub started)
  const gaps = new Map<number, number>() // id below `high` not seen yet -> since when
  let running = false
  let again = false
  let active: Promise<void> | null = null // set while subscribers exist
  let stopListening: (() => Promise<void>) | null = null
  let timer: ReturnType<typeof setInterval> | null = null
  let generation = 0

  const hand = (rows: EventSummary[]) => {
    if (!rows.length) return
    const now = Date.now()
    const frames: Frame[] = []
    for (const row of rows) {
      if (row.id > high) {
        if (row.id - high - 1 <= MAX_GAPS)
          for (let id = high + 1; id < row.id; id++) gaps.set(id, now)
        high = row.id
      } else if (!gaps.delete(row.id)) continue // handed out already
      frames.push({ id: row.id, storedAt: Date.parse(row.receivedAt), bytes: encode(row) })
    }
    if (!frames.length) return
    const joined =
      frames.length === 1 ? frames[0]!.bytes : Buffer.concat(frames.map((f) => f.bytes))
    const batch: Batch = { frames, joined }
    for (const s of [...subscribers]) s.deliver(batch)
  }

  let waking: ReturnType<typeof setTimeout> | null = null
  let lastRead = 0
  let lastRows = 0 // rows the last read found
  // The wait is counted from the last read, not from the wake-up: a delivery that arrives after
  // a quiet spell is read at once, and only a steady flow of them is gathered into batches.
  function wake() {
    const busy = lastRows > 1
    const delay = busy
      ? Math.min(maxWait, Math.max(minWait, subscribers.size * busyWaitMsPerSubscriber))
      : 0
    const left = lastRead + delay - Date.now()
    if (left < 1) return void pump()
    waking ??= setTimeout(() => {
      waking = null
      void pump()
    }, left)
  }

  async function pump() {
    if (running) return void (again = true)
    running = true
    lastRead = Date.now()
    try {
      do {
        again = false
        if (!subscribers.size) return
        const now = Date.now()
        for (const [id, since] of gaps) if (now - since > graceMs) gaps.delete(id)
        if (gaps.size) hand(await source.readIds([...gaps.keys()]))
        lastRows = 0
        for (;;) {
          const rows = await source.read(high, pageSize)
          lastRows += rows.length
          hand(rows)
          if (rows.length < pageSize) break
        }
      } while (again)
    } catch (error) {
      // The next notification or re-check reads again; nothing is skipped (`high` did not move).
      console.error('Live updates: reading new deliveries failed; retrying.', error)
    } finally {
      running = false
    }
  }

  async function start() {
    const mine = ++generation
    high = await source.latest()
    gaps.clear()
    lastRows = 0
    try {
      const stop = await source.listen(wake)
      if (mine !== generation) return void (await stop())
      stopListening = stop
    } catch (error) {
      // Fall back to the timed re-check alone; a later start tries LISTEN again.
      console.error('Live updates: LISTEN failed; streams fall back to periodic checks.', error)
    }
    timer = setInterval(() => void pump(), recheckMs)
    timer.unref?.()
  }

  function stop() {
    generation++
    if (timer) clearInterval(timer)
    timer = null
    void stopListening?.().catch(() => {})
    stopListening = null
    active = null
  }

  return {
    /**
     * Adds a subscriber; resolves, once the hub reads, to the id up to which rows are the
     * subscriber's own to read (anything above it that commits later reaches `deliver`).
     * Rows in between may reach both; subscribers skip ids they already sent.
     */
    async subscribe(subscriber: Subscriber): Promise<{ floor: number; unsubscribe: () => void }> {
      subscribers.add(subscriber)
      active ??= start().catch((error: unknown) => {
        active = null
        throw error
      })
      try {
        await active
      } catch (error) {
        subscribers.delete(subscriber)
        throw error
      }
      return {
        floor: gaps.size ? Math.min(...gaps.keys()) - 1 : high,
        unsubscribe: () => {
          subscribers.delete(subscriber)
          if (!subscribers.size) stop()
        },
      }
    },
    /** Reads now (tests; the notification does this in production). */
    poke: () => pump(),
    get size() {
      return subscribers.size
    },
  }
}

export type LiveHub = ReturnType<typeof createLiveHub>

/**
 * The process's hub (Next loads routes in separate module graphs; a global keeps one). It reads
 * with the database handle of the session that opened it: one database per process.
 */
export function processLiveHub(db: SessionDb, encode: (row: EventSummary) => Uint8Array): LiveHub {
  return processSingleton('live-hub', () =>
    createLiveHub(
      {
        read: (after, limit) => listEventsAfter(db, { after, limit }),
        readIds: (ids) => listEventsByIds(db, ids),
        latest: () => latestEventId(db),
        // LISTEN where the live-mode decision says (a direct URL behind a pooler), or poll.
        listen: async (onWake) => listenForEvents(await getDatabase(), EVENTS_CHANNEL, onWake),
      },
      { encode },
    ),
  )
}
