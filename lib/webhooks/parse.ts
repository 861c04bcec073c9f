import { createHash } from 'node:crypto'
import { CORRELATION_FIELDS } from '../events/correlation'
import type { ParseStatus } from '../events/types'

export interface ParsedDelivery {
  payload: unknown
  parseStatus: ParseStatus
  eventType: string | null
  /** KonPro's ids in `event_data`, under their own names; only the ones present. */
  correlation: Record<string, string>
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })
/** Deeper JSON is kept as raw bytes only: every later step (jsonb, JSON.stringify, the tree) recurses. */
export const MAX_JSON_DEPTH = 256

/** The deepest nesting of arrays and objects in JSON text, counted outside strings. */
function nestingDepth(text: string): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > deepest) deepest = depth
    } else if (c === 0x7d || c === 0x5d) depth--
  }
  return deepest
}
const idOf = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, 500) : null

const wellFormed = (value: unknown): unknown =>
  typeof value === 'string'
    ? value.toWellFormed()
    : Array.isArray(value)
      ? value.map(wellFormed)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value).map(([k, v]) => [k.toWellFormed(), wellFormed(v)]),
          )
        : value

/** Reads what it can from a body; bad input is described, never thrown. */
export function parseDelivery(body: Uint8Array): ParsedDelivery {
  const empty = { payload: null, eventType: null, correlation: {} }
  if (body.length === 0) return { ...empty, parseStatus: 'empty' }
  let text: string
  try {
    text = strictUtf8.decode(body)
  } catch {
    return { ...empty, parseStatus: 'invalid_utf8' }
  }
  if (nestingDepth(text) > MAX_JSON_DEPTH) return { ...empty, parseStatus: 'too_deep' }
  let payload: unknown
  try {
    // PostgreSQL's jsonb holds neither U+0000 nor a lone surrogate (valid JSON as "\ud800"):
    // both become U+FFFD in the payload; the raw body keeps the original bytes.
    payload = JSON.parse(text.includes('\\u0000') ? text.replace(/\\u0000/g, '\\ufffd') : text)
    if (/\\u[dD][89a-fA-F]/.test(text)) payload = wellFormed(payload)
  } catch {
    return { ...empty, parseStatus: 'invalid_json' }
  }
  const record =
    payload && typeof payload === 'object' && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : {}
  const data =
    record.event_data && typeof record.event_data === 'object'
      ? (record.event_data as Record<string, unknown>)
      : {}
  return {
    payload,
    parseStatus: 'ok',
    eventType: idOf(record.event_type),
    correlation: Object.fromEntries(
      CORRELATION_FIELDS.flatMap(({ key }) => {
        const id = idOf(data[key])
        return id === null ? [] : [[key, id]]
      }),
    ),
  }
}

/** Same body and same signature means the same delivery sent again. */
export function dedupeKey(body: Uint8Array, signature: string | null): string {
  return createHash('sha256')
    .update(signature ?? '')
    .update('\n')
    .update(body)
    .digest('hex')
}
