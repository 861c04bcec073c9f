// Small helpers every benchmark file shares: a free loopback port, a pause, percentiles.
export { freePort } from '../../lib/net/free-port.mjs'

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** The p-th percentile (nearest rank); NaN for no values. */
export const pct = (values, p) => {
  if (!values.length) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

export const median = (values) => pct(values, 50)
