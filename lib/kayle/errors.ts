export type KayleErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'not_found'
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
  ) {
    super(message)
  }
}

export function kayleErrorFor(
  status: number,
  kayle: { message: string | null; code: string | null },
  retryAfterSeconds?: number,
): KayleError {
  const code = kayle.code ?? undefined
  if (status === 400 || status === 409 || status === 422) {
    return new KayleError(
      'bad_request',
      kayle.message ? `Kayle refused the request: ${kayle.message}` : `Kayle refused the request (HTTP ${status}).`,
      status,
      undefined,
      code,
    )
  }
  if (status === 401 || status === 403) {
    return new KayleError(
      'unauthorized',
      'Kayle rejected the API key. Set a valid key in KAYLE_API_KEY (in .env.local or your host’s environment variables) and restart the console.',
      status,
      undefined,
      code,
    )
  }
  if (status === 404) {
    return new KayleError(
      'not_found',
      'This endpoint no longer exists in Kayle. Refresh the list to see the current endpoints.',
      status,
      undefined,
      code,
    )
  }
  if (status === 429) {
    const wait = retryAfterSeconds ? `Wait ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}` : 'Wait a moment'
    return new KayleError('rate_limited', `Kayle is limiting how fast requests are made. ${wait} and try again.`, status, retryAfterSeconds, code)
  }
  return new KayleError('server', `Kayle had a problem answering (HTTP ${status}). Try again in a moment.`, status, retryAfterSeconds, code)
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
