export type KonproErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'not_found'
  | 'rate_limited'
  | 'server'
  | 'timeout'
  | 'network'
  | 'malformed'

/** A failed KonPro call, carrying a message a person can act on (never the API key). */
export class KonproError extends Error {
  override name = 'KonproError'
  constructor(
    readonly kind: KonproErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
  }
}

export type KeySource = 'env' | 'stored'

const REJECTED_KEY: Record<KeySource, string> = {
  env: 'KonPro rejected the API key. Set a valid key in KONPRO_API_KEY (in .env.local or your host’s environment variables) and restart the console.',
  stored: 'KonPro rejected the stored API key. An admin can store a valid key in Settings.',
}

export function konproErrorFor(status: number, konproMessage: string | null, retryAfterSeconds?: number, keySource: KeySource = 'env'): KonproError {
  if (status === 400 || status === 409 || status === 422) {
    return new KonproError(
      'bad_request',
      konproMessage ? `KonPro refused the request: ${konproMessage}` : `KonPro refused the request (HTTP ${status}).`,
      status,
    )
  }
  if (status === 401 || status === 403) {
    return new KonproError('unauthorized', REJECTED_KEY[keySource], status)
  }
  if (status === 404) {
    return new KonproError(
      'not_found',
      'This endpoint no longer exists in KonPro. Refresh the list to see the current endpoints.',
      status,
    )
  }
  if (status === 429) {
    const wait = retryAfterSeconds ? `Wait ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}` : 'Wait a moment'
    return new KonproError('rate_limited', `KonPro is limiting how fast requests are made. ${wait} and try again.`, status, retryAfterSeconds)
  }
  return new KonproError(
    'server',
    `KonPro had a problem answering (HTTP ${status}). Try again in a moment.`,
    status,
    retryAfterSeconds,
  )
}

export const timeoutError = (seconds: number) =>
  new KonproError('timeout', `KonPro did not answer within ${seconds} seconds. Try again; if it keeps happening, check KonPro’s status page.`)

export const networkError = (host: string) =>
  new KonproError('network', `Could not reach KonPro at ${host}. Check this server’s network connection and KONPRO_API_BASE_URL.`)

export const malformedError = () =>
  new KonproError(
    'malformed',
    'KonPro sent an answer the console could not read. Try again; if it persists, KonPro’s API may have changed.',
  )
