import { createHash } from 'node:crypto'
import type { ParseStatus } from '../events/types'

export interface ParsedBody {
  payload: unknown
  parseStatus: ParseStatus
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
/**
 * Whether the body has at most `limit` opening brackets, so no nesting deeper than that: found
 * with the byte search (memchr), far cheaper on a large body than walking it character by character.
 */
function fewBrackets(body: Uint8Array, limit: number): boolean {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  let n = 0
  for (const bracket of [0x7b, 0x5b])
    for (let at = bytes.indexOf(bracket); at >= 0; at = bytes.indexOf(bracket, at + 1))
      if (++n > limit) return false
  return true
}
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

/** Reads what JSON it can from a body; bad input is described, never thrown. */
export function parseBody(body: Uint8Array): ParsedBody {
  if (body.length === 0) return { payload: null, parseStatus: 'empty' }
  let text: string
  try {
    text = strictUtf8.decode(body)
  } catch {
    return { payload: null, parseStatus: 'invalid_utf8' }
  }
  if (!fewBrackets(body, MAX_JSON_DEPTH) && nestingDepth(text) > MAX_JSON_DEPTH)
    return { payload: null, parseStatus: 'too_deep' }
  let payload: unknown
  try {
    // PostgreSQL's jsonb holds neither U+0000 nor a lone surrogate (valid JSON as "\ud800"):
    // both become U+FFFD in the payload; the raw body keeps the original bytes.
    const escapes = text.includes('\\u') // most bodies have none: skip both searches below
    payload = JSON.parse(
      escapes && text.includes('\\u0000') ? text.replace(/\\u0000/g, '\\ufffd') : text,
    )
    if (escapes && /\\u[dD][89a-fA-F]/.test(text)) payload = wellFormed(payload)
  } catch {
    return { payload: null, parseStatus: 'invalid_json' }
  }
  return { payload, parseStatus: 'ok' }
}

/** A JSON object's fields; empty for anything else. */
export const fieldsOf = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}

/** Same body and same signature means the same delivery sent again. */
export function dedupeKey(body: Uint8Array, signature: string | null): string {
  return createHash('sha256')
    .update(signature ?? '')
    .update('\n')
    .update(body)
    .digest('hex')
}
