// Ends a live stream on schedule, before the host cuts it (Vercel stops a function at its
// maximum duration), telling the browser to come back at once from a point that loses nothing.
// No `server-only`: the browser imports the event name below.

/** The SSE event a stream sends just before it ends itself; the browser reconnects silently. */
export const STREAM_END_EVENT = 'end'
/** How soon the browser comes back after a scheduled end (the SSE `retry:` hint), in ms. */
export const RESUME_RETRY_MS = 100
/**
 * Ids come from a sequence, so with several writers a lower id can commit just after a higher
 * one was sent. A row stored this long ago has no uncommitted predecessors any more, so the
 * resume point is the newest sent row at least this old; the few newer ones are sent again
 * and the browser drops those it already has.
 */
export const RESUME_GRACE_MS = 5_000

/** What a stream sent, as the live hub hands it out: ids with the time each row was stored. */
export interface SentRow {
  id: number
  storedAt: number
}

/**
 * Tracks the safe resume point of one stream from the rows it sent, starting from `after`, where
 * it began. It keeps the hub's shared arrays by reference, in the order sent, and settles them from
 * the front as they age: amortized O(1) per row, however many streams are open. A late row behind
 * a newer one settles when the newer one does, which only makes the resume point more cautious.
 */
export function resumePoint(after: number, graceMs = RESUME_GRACE_MS) {
  let resumeId = after
  const queue: (readonly SentRow[])[] = []
  let head = 0 // batches before it are settled
  let at = 0 // rows of the head batch before it are settled
  const settle = (cutoff: number) => {
    for (; head < queue.length; head++, at = 0) {
      const rows = queue[head]!
      for (; at < rows.length; at++) {
        if (rows[at]!.storedAt > cutoff) return
        if (rows[at]!.id > resumeId) resumeId = rows[at]!.id
      }
      queue[head] = [] // let the settled batch go
    }
    queue.length = head = at = 0
  }
  return {
    sent(rows: readonly SentRow[]) {
      if (rows.length) queue.push(rows)
      settle(Date.now() - graceMs) // so only the last few seconds' rows are held
      if (head > 1024) {
        queue.splice(0, head)
        head = 0
      }
    },
    /** The id to resume after, as of now. */
    now() {
      settle(Date.now() - graceMs)
      return resumeId
    },
  }
}

const encoder = new TextEncoder()

/** The last frame of a stream that ends itself: come back at once, after `resumeId`. */
export const endFrame = (resumeId: number, limitMs: number) =>
  encoder.encode(
    `retry: ${RESUME_RETRY_MS}\nid: ${resumeId}\nevent: ${STREAM_END_EVENT}\ndata: ${limitMs}\n\n`,
  )
