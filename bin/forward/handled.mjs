// Which deliveries the forwarder has handled, and the cautious point to resume after. Ids come
// from a sequence, so with several writers on one database a lower id can commit just after a
// higher one (the stream then sends it after the higher one). The resume point is therefore not
// the highest id handled but the highest one that a delivery stored RESUME_GRACE_MS later has
// been handled after: by then every lower id has committed and reached the forwarder. The few
// ids handled above it are kept, so the stream's replay of them after a reconnection or a
// restart sends none twice.

/** As lib/events/stream-limit.ts: how long an id may stay uncommitted after a higher one. */
export const RESUME_GRACE_MS = 5_000
/** At most this many ids above the resume point; beyond it, the oldest count as settled. */
export const MAX_HANDLED = 1_000

/**
 * @param {number} after the resume point to start from
 * @param {number[]} ids ids handled above it (from the state file; when each was stored is
 *   learnt again as the stream replays them)
 */
export function handledSince(after, ids = [], graceMs = RESUME_GRACE_MS) {
  let resume = after
  // id -> when it was stored (ms, the console's clock); NaN until known.
  const handled = new Map()
  for (const id of ids) if (id > after) handled.set(id, Number.NaN)
  // The newest storage time handled: the console's clock, so the forwarder's own clock (and how
  // long it was disconnected) does not matter.
  let clock = Number.NEGATIVE_INFINITY

  const settle = () => {
    const cutoff = clock - graceMs
    let next = resume
    for (const [id, storedAt] of handled) if (storedAt <= cutoff && id > next) next = id
    if (handled.size - countAtOrBelow(next) > MAX_HANDLED) {
      const sorted = [...handled.keys()].sort((a, b) => a - b)
      next = Math.max(next, sorted[sorted.length - MAX_HANDLED - 1])
    }
    if (next === resume) return
    resume = next
    for (const id of handled.keys()) if (id <= resume) handled.delete(id)
  }
  const countAtOrBelow = (point) => {
    let n = 0
    for (const id of handled.keys()) if (id <= point) n++
    return n
  }
  const learn = (storedAt) => {
    if (storedAt > clock) clock = storedAt
  }

  return {
    /** Where to resume: every delivery up to it has been handled. */
    get after() {
      return resume
    },
    /** The ids handled above the resume point, ascending. */
    ids: () => [...handled.keys()].sort((a, b) => a - b),
    /**
     * Whether a delivery the stream sends was handled already; a replayed one also tells when
     * it was stored, which may settle the resume point.
     */
    seen(id, receivedAt) {
      if (id <= resume) return true
      if (!handled.has(id)) return false
      const storedAt = Date.parse(receivedAt)
      if (Number.isNaN(handled.get(id))) handled.set(id, storedAt)
      learn(storedAt)
      settle()
      return true
    },
    /** Records a delivery as handled (sent, filtered out, or no longer stored). */
    add(id, receivedAt) {
      if (id <= resume) return
      const storedAt = Date.parse(receivedAt)
      handled.set(id, storedAt)
      learn(storedAt)
      settle()
    },
  }
}
