/**
 * One waiter released per turn of the event loop. Checking a large body (its signature, its
 * JSON, its dedupe hash) takes about a millisecond; when many finish arriving at once, checking
 * them back to back would hold the loop for tens of milliseconds, and KonPro's OPTIONS check
 * (a one-second timeout) and every other socket would wait behind them. Taking turns lets the
 * loop poll its sockets between two bodies. An immediate scheduled from an immediate runs on the
 * next turn, after the poll phase: that is what spaces the releases.
 */
export function createTurns() {
  const waiting: (() => void)[] = []
  let releasing = false

  function release() {
    waiting.shift()?.()
    if (waiting.length) setImmediate(release)
    else releasing = false
  }

  return {
    /** Resolves on a turn of its own, in the order asked. */
    next(): Promise<void> {
      return new Promise((resolve) => {
        waiting.push(resolve)
        if (!releasing) {
          releasing = true
          setImmediate(release)
        }
      })
    },
    get waiting() {
      return waiting.length
    },
  }
}
