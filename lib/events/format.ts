import type { Verdict } from './types'

// Display helpers shared by server and browser components.

export const KNOWN_EVENT_TYPES = [
  'avatar_video.success',
  'avatar_video.fail',
  'avatar_video_gif.success',
  'avatar_video_gif.fail',
  'video_translate.success',
  'video_translate.fail',
  'personalized_video',
  'verification.session.succeeded',
  'verification.session.failed',
  'verification.session.expired',
  'verification.session.cancelled',
] as const

export const PROVIDER_LABELS: Record<string, string> = { konpro: 'KonPro', kayle: 'Kayle' }

export const VERDICT_LABELS: Record<Verdict, string> = {
  verified: 'Verified',
  invalid: 'Invalid signature',
  unsigned: 'Unsigned',
  no_secret: 'No secret',
}

export const VERDICT_EXPLANATIONS: Record<Verdict, string> = {
  verified: 'The signature matched an HMAC of the raw body computed with the endpoint secret.',
  invalid: 'A signature was present but did not match the body: the body was altered or the secret is wrong.',
  unsigned: 'The request carried no signature header, so where it came from cannot be confirmed.',
  no_secret: 'No endpoint secret was known when it arrived, so its signature could not be checked.',
}

export function formatBytes(n: number) {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`
  return `${(n / (1024 * 1024)).toFixed(1)} MB`
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
]
const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' })

export function formatRelative(iso: string, now = Date.now()) {
  const diff = Date.parse(iso) - now
  // Rows can arrive between clock ticks and look a few seconds "in the future".
  if (diff > -5000) return 'just now'
  for (const [unit, ms] of units) {
    if (Math.abs(diff) >= ms || unit === 'second') return rtf.format(Math.round(diff / ms), unit)
  }
  return iso
}

export function formatExact(iso: string) {
  const d = new Date(iso)
  return `${d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' })} UTC`
}

/** Short clock label for chart buckets, in UTC so server and browser agree. */
export function formatBucket(iso: string, range: 'hour' | 'day' | 'week') {
  const d = new Date(iso)
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })
  if (range !== 'week') return time
  return `${d.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', timeZone: 'UTC' })} ${time}`
}

/** Compact "22 Nov, 18:00" in UTC, for labels of a picked interval. */
export function formatShort(iso: string) {
  return new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })
}
