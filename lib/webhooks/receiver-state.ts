// What a receiver keeps in memory between deliveries: the per-address limit and cached secrets.

const TTL_MS = 30_000
const MIN_REFRESH_MS = 2_000
const LOOKUP_TIMEOUT_MS = 3_000

/** Fixed one-minute windows per key (the source address); in memory, per instance. */
export function createRateLimiter(limitPerMinute: number, windowMs = 60_000) {
  const windows = new Map<string, { start: number; count: number }>()
  return {
    /** Null when allowed, else the seconds until the window resets. */
    check(key: string, now = Date.now()): number | null {
      let w = windows.get(key)
      if (!w || now - w.start >= windowMs) {
        if (windows.size > 50_000)
          for (const [k, v] of windows) if (now - v.start >= windowMs) windows.delete(k)
        w = { start: now, count: 0 }
        windows.set(key, w)
      }
      w.count++
      return w.count > limitPerMinute
        ? Math.max(1, Math.ceil((w.start + windowMs - now) / 1000))
        : null
    },
  }
}

/**
 * Caches the secrets briefly; `refresh` (after a signature failed to match) fetches again at
 * most every two seconds, so an endpoint created a moment ago verifies at once. A failing
 * source leaves the last known list in place rather than stalling the receiver. Signing secrets
 * and decryption keys are cached alike.
 */
export function createSecretCache<T>(source: () => Promise<T[]>) {
  let secrets: T[] = []
  let fetchedAt = 0
  let inflight: Promise<void> | null = null

  const load = () =>
    (inflight ??= Promise.race([
      source().then((fresh) => {
        secrets = fresh
      }),
      new Promise<void>((resolve) => setTimeout(resolve, LOOKUP_TIMEOUT_MS).unref()),
    ])
      .catch(() => {})
      .finally(() => {
        fetchedAt = Date.now()
        inflight = null
      }))

  return async function get({ refresh = false } = {}): Promise<T[]> {
    const age = Date.now() - fetchedAt
    if (age > TTL_MS || (refresh && age > MIN_REFRESH_MS)) await load()
    return secrets
  }
}
