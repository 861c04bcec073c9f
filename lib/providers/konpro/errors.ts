import { providerErrorClass, throttledOrBroken, transportErrors } from '../error'

/** A failed KonPro call. */
export class KonproError extends providerErrorClass(
  'KonproError',
  'KonPro',
  'KONPRO_API_BASE_URL',
) {}

const voice = KonproError.voice

export type KeySource = 'env' | 'stored'

const REJECTED_KEY: Record<KeySource, string> = {
  env: 'KonPro rejected the API key. Set a valid key in KONPRO_API_KEY (in .env.local or your host’s environment variables) and restart the console.',
  stored: 'KonPro rejected the stored API key. An admin can store a valid key in Settings.',
}

export function konproErrorFor(
  status: number,
  konproMessage: string | null,
  retryAfterSeconds?: number,
  keySource: KeySource = 'env',
): KonproError {
  const shared = throttledOrBroken(voice, status, { status, retryAfterSeconds })
  if (shared) return shared as KonproError
  if (status === 401 || status === 403)
    return new KonproError('unauthorized', REJECTED_KEY[keySource], { status })
  if (status === 404) {
    return new KonproError(
      'not_found',
      'This endpoint no longer exists in KonPro. Refresh the list to see the current endpoints.',
      { status },
    )
  }
  // KonPro's 409 and 422 are about the submitted URL or events, like its 400.
  return new KonproError(
    'bad_request',
    konproMessage
      ? `KonPro refused the request: ${konproMessage}`
      : `KonPro refused the request (HTTP ${status}).`,
    { status },
  )
}

export const {
  timeout: timeoutError,
  network: networkError,
  malformed: malformedError,
} = transportErrors(voice)
