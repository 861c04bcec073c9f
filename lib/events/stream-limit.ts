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

const encoder = new TextEncoder()

/**
 * Passes `inner` through and, `limitMs` after it opened, ends it with a `retry:` hint, the
 * resume id (which becomes the browser's `Last-Event-ID`) and a STREAM_END_EVENT, then cancels
 * `inner`. `after` is where this stream started, the resume point when nothing sent is old enough.
 */
export function limitStream(
  inner: ReadableStream<Uint8Array>,
  {
    limitMs,
    after,
    graceMs = RESUME_GRACE_MS,
  }: { limitMs: number; after: number; graceMs?: number },
): ReadableStream<Uint8Array> {
  const reader = inner.getReader()
  const decoder = new TextDecoder()
  let resumeId = after
  let pending: Array<{ id: number; storedAt: number }> = []
  let ended = false
  let timer: ReturnType<typeof setTimeout> | undefined

  const settle = (cutoff: number) => {
    const keep: typeof pending = []
    for (const sent of pending) {
      if (sent.storedAt > cutoff) keep.push(sent)
      else if (sent.id > resumeId) resumeId = sent.id
    }
    pending = keep
  }
  const note = (chunk: Uint8Array) => {
    for (const frame of decoder.decode(chunk, { stream: true }).split('\n\n')) {
      const id = /^id: (\d+)$/m.exec(frame)
      if (!id) continue
      const storedAt = Date.parse(/"receivedAt":"([^"]+)"/.exec(frame)?.[1] ?? '')
      pending.push({ id: Number(id[1]), storedAt: Number.isNaN(storedAt) ? Date.now() : storedAt })
    }
    if (pending.length > 1000) settle(Date.now() - graceMs)
  }

  return new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setTimeout(() => {
        if (ended) return
        ended = true
        settle(Date.now() - graceMs)
        controller.enqueue(
          encoder.encode(
            `retry: ${RESUME_RETRY_MS}\nid: ${resumeId}\nevent: ${STREAM_END_EVENT}\ndata: ${limitMs}\n\n`,
          ),
        )
        controller.close()
        void reader.cancel().catch(() => {})
      }, limitMs)
    },
    async pull(controller) {
      const { done, value } = await reader
        .read()
        .catch(() => ({ done: true as const, value: undefined }))
      if (ended) return
      if (done) {
        ended = true
        clearTimeout(timer)
        return controller.close()
      }
      note(value)
      controller.enqueue(value)
    },
    cancel(reason) {
      ended = true
      clearTimeout(timer)
      return reader.cancel(reason).catch(() => {})
    },
  })
}
