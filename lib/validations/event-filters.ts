import { z } from 'zod'

// Shared by the /events page, the API routes and the browser: one definition of a "view".

export const VERDICTS = ['verified', 'invalid', 'unsigned', 'no_secret'] as const
/** `all` spans from the oldest stored delivery the filters keep to now. */
export const HISTOGRAM_RANGES = ['quarter', 'hour', 'day', 'week', 'all'] as const
/** Relative windows ("last hour") stay meaningful in a shared link, unlike a fixed `from`. */
export const SINCE_WINDOWS = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
} as const
export type SinceWindow = keyof typeof SINCE_WINDOWS
export type HistogramRange = (typeof HISTOGRAM_RANGES)[number]

// URL params arrive as strings (or repeated); blank means "not set" so empty form fields vanish.
const param = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => {
    const first = Array.isArray(v) ? v[0] : v
    return typeof first === 'string' && first.trim() === '' ? undefined : first
  }, schema.optional())

const instant = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time' })
const eventId = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

/** Several values of one filter travel comma-separated in one parameter: `verdict=invalid,unsigned`. */
export function listOf(value: string | undefined): string[] {
  return value
    ? [
        ...new Set(
          value
            .split(',')
            .map((v) => v.trim())
            .filter(Boolean),
        ),
      ]
    : []
}
const verdictList = z
  .string()
  .trim()
  .refine(
    (v) =>
      listOf(v).length > 0 && listOf(v).every((x) => (VERDICTS as readonly string[]).includes(x)),
    { error: `expected verdicts among ${VERDICTS.join(', ')}` },
  )
/** The answer the receiver gave: any 2xx, or one status (401 unsigned refused, 413 too large, 429 throttled). */
export const RESPONSE_FILTERS = ['2xx', '401', '413', '429'] as const
/** `event_data.video_id=abc`: a dotted path into the JSON payload, `=`, the text it must equal. */
export const FIELD_FILTER = /^([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+){0,7})=(.{0,200})$/s
export function parseFieldFilter(value: string): { path: string[]; value: string } | null {
  const m = FIELD_FILTER.exec(value.trim())
  return m?.[1] === undefined ? null : { path: m[1].split('.'), value: m[2] ?? '' }
}

/** What narrows the list, the chart and the export. */
export const eventFiltersSchema = z
  .object({
    type: param(z.string().trim().max(1000)),
    verdict: param(verdictList),
    provider: param(z.string().trim().max(100)),
    endpoint: param(z.string().trim().max(200)),
    status: param(z.enum(RESPONSE_FILTERS)),
    rejected: param(z.enum(['1'])),
    notJson: param(z.enum(['1'])),
    field: param(
      z.string().refine((v) => parseFieldFilter(v) !== null, {
        error: 'expected path.to.key=value, for example event_data.video_id=abc',
      }),
    ),
    since: param(z.enum(Object.keys(SINCE_WINDOWS) as [SinceWindow, ...SinceWindow[]])),
    from: param(instant),
    to: param(instant),
    q: param(z.string().max(500)),
  })
  .refine((f) => !f.from || !f.to || Date.parse(f.from) < Date.parse(f.to), {
    message: '"from" must be before "to"',
    path: ['to'],
  })
export type EventFilters = z.output<typeof eventFiltersSchema>

/** The list request: filters plus keyset paging (`before`, newest first) or polling (`after`). */
export const eventListQuerySchema = z.object({
  filters: eventFiltersSchema,
  before: param(eventId),
  after: param(eventId),
  limit: param(z.coerce.number().int().min(1).max(500)),
})
export type EventListQuery = z.output<typeof eventListQuerySchema>

export const FILTER_KEYS = [
  'type',
  'verdict',
  'provider',
  'endpoint',
  'status',
  'rejected',
  'notJson',
  'field',
  'since',
  'from',
  'to',
  'q',
] as const

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>

function read(source: ParamSource, key: string): string | string[] | undefined {
  return source instanceof URLSearchParams ? (source.get(key) ?? undefined) : source[key]
}

function pick(source: ParamSource, keys: readonly string[]) {
  return Object.fromEntries(keys.map((k) => [k, read(source, k)]))
}

/** Strict parse for API routes: a bad parameter is the caller's error (400). */
export function parseEventFilters(source: ParamSource) {
  return eventFiltersSchema.safeParse(pick(source, FILTER_KEYS))
}

export function parseEventListQuery(source: ParamSource) {
  return eventListQuerySchema.safeParse({
    filters: pick(source, FILTER_KEYS),
    before: read(source, 'before'),
    after: read(source, 'after'),
    limit: read(source, 'limit'),
  })
}

/**
 * Lenient parse for pages: a hand-edited or stale link should still show the log, so invalid
 * parameters are dropped (and reported) instead of failing the page.
 */
export function parseEventFiltersLenient(source: ParamSource): {
  filters: EventFilters
  invalid: string[]
} {
  const raw: Record<string, unknown> = pick(source, FILTER_KEYS)
  const invalid: string[] = []
  for (let attempt = 0; attempt <= FILTER_KEYS.length; attempt++) {
    const result = eventFiltersSchema.safeParse(raw)
    if (result.success) return { filters: result.data, invalid }
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '')
      if (key in raw && raw[key] !== undefined) {
        raw[key] = undefined
        invalid.push(key)
      }
    }
  }
  return { filters: {}, invalid: [...FILTER_KEYS] }
}

/** Serializes filters back into search params, omitting unset ones (stable key order). */
export function filtersToSearchParams(
  filters: EventFilters,
  extra?: Record<string, string | number | undefined>,
) {
  const params = new URLSearchParams()
  for (const key of FILTER_KEYS) {
    const value = filters[key]
    if (value !== undefined && value !== '') params.set(key, String(value))
  }
  for (const [key, value] of Object.entries(extra ?? {}))
    if (value !== undefined) params.set(key, String(value))
  return params
}

export function hasActiveFilters(filters: EventFilters) {
  return FILTER_KEYS.some((k) => filters[k] !== undefined)
}

/** The chart span that shows a list window: the page has one time control for both. */
export const RANGE_OF_SINCE: Record<SinceWindow, HistogramRange> = {
  '15m': 'quarter',
  '1h': 'hour',
  '24h': 'day',
  '7d': 'week',
}

export const histogramRangeSchema = param(z.enum(HISTOGRAM_RANGES)).transform((v) => v ?? 'all')

/**
 * The chart's span for a view: the list's window when one is set, all time when none is, and the
 * span a bar was picked from (`range`) while that bar's interval narrows the list. So the chart
 * never counts another period than the list shows.
 */
export function chartRangeOf(filters: EventFilters, range: unknown): HistogramRange {
  if (filters.since) return RANGE_OF_SINCE[filters.since]
  if (filters.from || filters.to) return histogramRangeSchema.catch('all').parse(range)
  return 'all'
}

/** `range` as the address carries it: left out when it is the default, all time. */
export const rangeParam = (range: HistogramRange) => (range === 'all' ? undefined : range)
