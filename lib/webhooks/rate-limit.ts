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
