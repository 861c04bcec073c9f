import type { KayleErrorBody } from './schemas'

export type KayleErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'server'
  | 'timeout'
  | 'network'
  | 'malformed'

/** A failed Kayle call, carrying a message a person can act on (never the API key). */
export class KayleError extends Error {
  override name = 'KayleError'
  constructor(
    readonly kind: KayleErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterSeconds?: number,
    /** Kayle's own machine-readable code (`error.code`), when it sent one. */
    readonly code?: string,
    /** Kayle's `error.hint`: what to change, in its words. */
    readonly hint?: string,
    /** Kayle's `error.docs`: the guide for this error. */
    readonly docs?: string,
  ) {
    super(message)
  }
}

/** Kayle's message followed by its hint, each ending in a full stop. */
function kayleWords(kayle: Pick<KayleErrorBody, 'message' | 'hint'>): string | null {
  const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`)
  const parts = [kayle.message, kayle.hint].filter((p): p is string => !!p).map(sentence)
  return parts.length ? parts.join(' ') : null
}

export function kayleErrorFor(status: number, kayle: KayleErrorBody, retryAfterSeconds?: number): KayleError {
  const code = kayle.code ?? undefined
  const hint = kayle.hint ?? undefined
  const docs = kayle.docs ?? undefined
  const words = kayleWords(kayle)
  const make = (kind: KayleErrorKind, message: string, retryAfter?: number) =>
    new KayleError(kind, message, status, retryAfter, code, hint, docs)
  if (status === 400 || status === 422) {
    return make('bad_request', words ? `Kayle refused the request: ${words}` : `Kayle refused the request (HTTP ${status}).`)
  }
  if (status === 409) {
    // 409 is a state conflict (for example WEBHOOK_PAYLOAD_EXPIRED on retry or replay).
    return make('conflict', words ? `Kayle could not do this now: ${words}` : 'Kayle could not do this in the current state (HTTP 409).')
  }
  if (status === 401 || status === 403) {
    return make(
      'unauthorized',
      status === 403 && words
        ? `Kayle refused the API key for this call: ${words}`
        : 'Kayle rejected the API key. Set a valid key in KAYLE_API_KEY (in .env.local or your host’s environment variables) and restart the console.',
    )
  }
  if (status === 404) {
    return make('not_found', words ? `Kayle could not find it: ${words}` : 'Kayle does not know this item any more. Refresh the page to see the current state.')
  }
  if (status === 429) {
    const wait = retryAfterSeconds ? `Wait ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}` : 'Wait a moment'
    return make('rate_limited', `Kayle is limiting how fast requests are made. ${wait} and try again.`, retryAfterSeconds)
  }
  return make('server', `Kayle had a problem answering (HTTP ${status}). Try again in a moment.`, retryAfterSeconds)
}

export const timeoutError = (seconds: number) =>
  new KayleError('timeout', `Kayle did not answer within ${seconds} seconds. Try again; if it keeps happening, check Kayle’s status page.`)

export const networkError = (host: string) =>
  new KayleError('network', `Could not reach Kayle at ${host}. Check this server’s network connection and KAYLE_API_BASE_URL.`)

export const malformedError = () =>
  new KayleError(
    'malformed',
    'Kayle sent an answer the console could not read. Try again; if it persists, Kayle’s API may have changed.',
  )
