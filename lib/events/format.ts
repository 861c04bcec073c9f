import type { ParseStatus, Verdict } from './types'

// Display helpers shared by server and browser components.

export { KNOWN_EVENT_TYPES, PROVIDER_LABELS } from '../providers/catalog'

export const VERDICT_LABELS: Record<Verdict, string> = {
  verified: 'Verified',
  invalid: 'Invalid signature',
  unsigned: 'Unsigned',
  no_secret: 'No secret',
}

/**
 * What the badge adds when the body is not readable JSON, so a delivery whose signature matched
 * but whose payload cannot be used never reads as simply "Verified".
 */
export const PARSE_STATUS_NOTES: Record<Exclude<ParseStatus, 'ok'>, string> = {
  invalid_json: 'not JSON',
  invalid_utf8: 'not text',
  empty: 'empty body',
  too_deep: 'too deep to parse',
  undecryptable: 'not decrypted',
}

export const VERDICT_EXPLANATIONS: Record<Verdict, string> = {
  verified: 'The signature matched an HMAC of the raw body computed with the endpoint secret.',
  invalid:
    'A signature was present but did not match the body: the body was altered or the secret is wrong.',
  unsigned: 'The request carried no signature header, so where it came from cannot be confirmed.',
  no_secret: 'No endpoint secret was known when it arrived, so its signature could not be checked.',
}

export function formatBytes(n: number) {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`
  return `${(n / (1024 * 1024)).toFixed(1)} MB`
}

const DAY = 86_400_000

/** "42 s", "3 min", "5 h", "12 d"; null past 30 days, where a date reads better. */
function span(ms: number) {
  if (ms < 60_000) return `${Math.floor(ms / 1000)} s`
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min`
  if (ms < DAY) return `${Math.floor(ms / 3_600_000)} h`
  if (ms < 30 * DAY) return `${Math.floor(ms / DAY)} d`
  return null
}

/**
 * The one relative wording of the console: "just now", "42 s ago", "3 min ago", "5 h ago",
 * "12 d ago", then the date. A past event ahead of the browser's clock (the server's clock runs a
 * little ahead, or a row arrived between ticks) is "just now", never "in 2 seconds". Only a time
 * that is meant to lie ahead (`future`: a scheduled attempt, an expiry) reads "in 5 min".
 */
export function formatRelative(iso: string, now = Date.now(), { future = false } = {}) {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const ago = now - ms
  const date = () =>
    new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })
  if (future && ago <= -10_000) {
    const ahead = span(-ago)
    return ahead ? `in ${ahead}` : date()
  }
  if (ago < 10_000) return 'just now'
  const past = span(ago)
  return past ? `${past} ago` : date()
}

/** "22 Nov 2026, 18:00:05 UTC": the same on server and browser. */
export function formatExact(iso: string) {
  const d = new Date(iso)
  return `${d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' })} UTC`
}

/** "22 Nov 2026, 13:00:05 EST", in the browser's own time zone (or the one given). */
export function formatLocal(iso: string, timeZone?: string) {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'long', timeZone })
}

/** The UTC clock time alone, "18:00:05 UTC", to put beside a local time. */
export function formatUtcClock(iso: string) {
  return `${new Date(iso).toLocaleTimeString('en-GB', { timeZone: 'UTC' })} UTC`
}

/**
 * How a chart's bucket edges read: the time of day while the chart spans a day at most, with the
 * weekday and date beyond that, and the date alone once a bucket is a day or wider.
 */
export type BucketLabel = 'time' | 'dayTime' | 'date'

export function bucketLabelOf(bucketMs: number, spanMs: number): BucketLabel {
  if (bucketMs >= DAY) return 'date'
  return spanMs > DAY ? 'dayTime' : 'time'
}

/** Short label for a chart bucket's edge: in UTC unless a time zone is given (the browser's, once hydrated). */
export function formatBucket(iso: string, label: BucketLabel, timeZone = 'UTC') {
  const d = new Date(iso)
  if (label === 'date')
    return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone })
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone })
  if (label === 'time') return time
  return `${d.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', timeZone })} ${time}`
}

/** Compact "22 Nov, 18:00", in UTC unless a time zone is given, for labels of a picked interval. */
export function formatShort(iso: string, timeZone = 'UTC') {
  return new Date(iso).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  })
}

/** The zone's short name at that moment, "GMT-5" or "CET", to name the zone of a local time. */
export function zoneName(iso: string, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' }).formatToParts(
    new Date(iso),
  )
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone
}
