import {
  providerErrorClass,
  throttledOrBroken,
  transportErrors,
  type ProviderErrorFacts,
  type ProviderErrorKind,
} from '../error'
import type { KayleErrorBody } from './schemas'

/** A failed Kayle call. */
export class KayleError extends providerErrorClass('KayleError', 'Kayle', 'KAYLE_API_BASE_URL') {}

const voice = KayleError.voice

/** Kayle's message followed by its hint, each ending in a full stop. */
function kayleWords(kayle: Pick<KayleErrorBody, 'message' | 'hint'>): string | null {
  const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`)
  const parts = [kayle.message, kayle.hint].filter((p): p is string => !!p).map(sentence)
  return parts.length ? parts.join(' ') : null
}

export function kayleErrorFor(
  status: number,
  kayle: KayleErrorBody,
  retryAfterSeconds?: number,
): KayleError {
  const facts: ProviderErrorFacts = {
    status,
    retryAfterSeconds,
    code: kayle.code ?? undefined,
    hint: kayle.hint ?? undefined,
    docs: kayle.docs ?? undefined,
  }
  const shared = throttledOrBroken(voice, status, facts)
  if (shared) return shared as KayleError
  const words = kayleWords(kayle)
  const make = (kind: ProviderErrorKind, message: string) => new KayleError(kind, message, facts)
  if (status === 409) {
    // 409 is a state conflict (for example WEBHOOK_PAYLOAD_EXPIRED on retry or replay).
    return make(
      'conflict',
      words
        ? `Kayle could not do this now: ${words}`
        : 'Kayle could not do this in the current state (HTTP 409).',
    )
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
    return make(
      'not_found',
      words
        ? `Kayle could not find it: ${words}`
        : 'Kayle does not know this item any more. Refresh the page to see the current state.',
    )
  }
  return make(
    'bad_request',
    words ? `Kayle refused the request: ${words}` : `Kayle refused the request (HTTP ${status}).`,
  )
}

export const {
  timeout: timeoutError,
  network: networkError,
  malformed: malformedError,
} = transportErrors(voice)
