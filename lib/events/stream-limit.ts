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
 * Tracks the safe resume point of one stream from the rows it sent (the hub's shared arrays,
 * kept by reference: no per-row work per stream), starting from `after`, where it began.
 */
export function resumePoint(after: number, graceMs = RESUME_GRACE_MS) {
  let resumeId = after
  let sent: (readonly SentRow[])[] = []
  let held = 0
  const settle = (cutoff: number) => {
    const keep: SentRow[] = []
    for (const rows of sent)
      for (const row of rows) {
        if (row.storedAt > cutoff) keep.push(row)
        else if (row.id > resumeId) resumeId = row.id
      }
    sent = keep.length ? [keep] : []
    held = keep.length
  }
  return {
    sent(rows: readonly SentRow[]) {
      sent.push(rows)
      held += rows.length
      if (held > 1000) settle(Date.now() - graceMs)
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
