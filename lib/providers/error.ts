export type ProviderErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'server'
  | 'timeout'
  | 'network'
  | 'malformed'

export interface ProviderErrorFacts {
  status?: number
  retryAfterSeconds?: number
  /** The provider's own machine-readable code, when it sent one. */
  code?: string
  /** What to change, in the provider's words. */
  hint?: string
  /** The provider's guide for this error. */
  docs?: string
}

/**
 * A failed provider call, carrying a message a person can act on (never the API key). Pages and
 * actions handle every provider's failures through this one class.
 */
export class ProviderError extends Error {
  override name = 'ProviderError'
  readonly status?: number
  readonly retryAfterSeconds?: number
  readonly code?: string
  readonly hint?: string
  readonly docs?: string

  constructor(
    /** The provider's label as people read it: "KonPro", "Kayle". */
    readonly provider: string,
    readonly kind: ProviderErrorKind,
    message: string,
    facts: ProviderErrorFacts = {},
  ) {
    super(message)
    this.status = facts.status
    this.retryAfterSeconds = facts.retryAfterSeconds
    this.code = facts.code
    this.hint = facts.hint
    this.docs = facts.docs
  }
}

/**
 * The base of a provider's own error class, kept apart so the provider's code and tests can tell
 * whose failure it is; pages and actions handle them all as ProviderError.
 */
export function providerErrorClass(name: string, label: string, baseUrlVariable: string) {
  return class extends ProviderError {
    override name = name
    constructor(kind: ProviderErrorKind, message: string, facts: ProviderErrorFacts = {}) {
      super(label, kind, message, facts)
    }

    /** How this class's errors are worded and made (instances of the subclass it is read on). */
    static get voice(): ProviderVoice {
      const make = (kind: ProviderErrorKind, message: string, facts?: ProviderErrorFacts) =>
        new this(kind, message, facts)
      return { label, baseUrlVariable, make }
    }
  }
}

/** How a provider's errors are made: its label, the variable that sets its API address, its class. */
export interface ProviderVoice {
  label: string
  baseUrlVariable: string
  make(kind: ProviderErrorKind, message: string, facts?: ProviderErrorFacts): ProviderError
}

/** The failures every provider words the same way: no answer, no connection, an unreadable answer. */
export function transportErrors(voice: ProviderVoice) {
  const { label } = voice
  return {
    timeout: (seconds: number) =>
      voice.make(
        'timeout',
        `${label} did not answer within ${seconds} seconds. Try again; if it keeps happening, check ${label}’s status page.`,
      ),
    network: (host: string) =>
      voice.make(
        'network',
        `Could not reach ${label} at ${host}. Check this server’s network connection and ${voice.baseUrlVariable}.`,
      ),
    malformed: () =>
      voice.make(
        'malformed',
        `${label} sent an answer the console could not read. Try again; if it persists, ${label}’s API may have changed.`,
      ),
  }
}

/** 429 and 5xx read the same for every provider; `null` for the statuses the provider words itself. */
export function throttledOrBroken(
  voice: ProviderVoice,
  status: number,
  facts: ProviderErrorFacts,
): ProviderError | null {
  const { label } = voice
  if (status === 429) {
    const seconds = facts.retryAfterSeconds
    const wait = seconds ? `Wait ${seconds} second${seconds === 1 ? '' : 's'}` : 'Wait a moment'
    return voice.make(
      'rate_limited',
      `${label} is limiting how fast requests are made. ${wait} and try again.`,
      facts,
    )
  }
  if (
    status === 400 ||
    status === 401 ||
    status === 403 ||
    status === 404 ||
    status === 409 ||
    status === 422
  )
    return null
  return voice.make(
    'server',
    `${label} had a problem answering (HTTP ${status}). Try again in a moment.`,
    facts,
  )
}
