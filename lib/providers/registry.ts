import 'server-only'
import type { Db } from '../db/client'
import type { Verdict } from '../events/types'
import type { DiagnosisInput, SignatureDiagnosis } from '../webhooks/diagnosis-kit'
import type { HeaderReader } from '../webhooks/incoming'
import type { ProviderCatalogEntry, ProviderId } from './catalog'
import { kayleDefinition } from './kayle/definition'
import { konproDefinition } from './konpro/definition'

/** A list of secrets or keys as the receiver caches it; `refresh` looks again (a new endpoint). */
export type SecretLookup<T> = (opts?: { refresh?: boolean }) => Promise<T[]>

export interface Verification {
  verdict: Verdict
  /** The endpoint whose secret matched, when one did. */
  endpointId: string | null
  /** One line for the log: why this verdict. */
  reason: string
}

/** A delivery's plaintext after the provider's `open` step, and the endpoint whose key opened it. */
export interface Opened {
  plaintext: Uint8Array
  endpointId: string | null
}

/**
 * How a replay is re-signed with one of the provider's endpoint secrets: which stored headers
 * carry the old signature, the new ones, and where the secret comes from (the server, never the
 * browser, which only names the endpoint).
 */
export interface Resign {
  /** The stored headers that carry the original signature, dropped from a re-signed replay. */
  headers: readonly string[]
  /** The signature headers for `body` under `secret`, as the provider itself would send them. */
  sign: (body: Uint8Array, secret: string) => Record<string, string>
  /** The endpoints whose secret can sign, for the form: id and URL, never the secret. */
  endpoints: (db: Db) => Promise<Array<{ id: string; url: string }>>
  /** One endpoint's secret; null when it has none (any more). */
  secret: (db: Db, endpointId: string) => Promise<string | null>
}

/**
 * Everything the shared receive pipeline (lib/webhooks/receive.ts) needs of one provider. `S` is a
 * signing secret as `verify` takes it; `K` a key the `open` step decrypts with.
 */
export interface ProviderDefinition<S extends { endpointId: string; secret: string }, K = unknown> {
  catalog: ProviderCatalogEntry
  /** The signing secrets a delivery may be signed with, read fresh (the receiver caches them). */
  secrets: (db: Db) => Promise<S[]>
  /** Checks the signature over the raw body bytes, never a re-serialized copy. */
  verify: (input: { body: Uint8Array; headers: HeaderReader; secrets: S[] }) => Verification
  /**
   * For a provider whose bodies are encrypted: the keys, and the decryption. Only an accepted
   * delivery is opened, so a forged body costs no decryption work; null when no key opens it.
   */
  open?: {
    keys: (db: Db) => Promise<K[]>
    decrypt: (body: Uint8Array, keys: SecretLookup<K>) => Promise<Opened | null>
  }
  /** The event type of a parsed payload (null when there is none), the headers as a fallback. */
  eventType: (payload: unknown, headers: HeaderReader) => string | null
  /** The provider's own ids that tie a delivery to its job or session, by name. */
  correlation: (payload: unknown) => Record<string, string>
  /** The same delivery sent again gets the same key. */
  dedupeKey: (input: { body: Uint8Array; headers: HeaderReader; payload: unknown }) => string
  /** The status a refused delivery (bad signature, or unsigned under the strict policy) gets. */
  refusedStatus: number
  /** Why a stored delivery did not verify, worked out again with the secrets known now. */
  diagnose: (input: DiagnosisInput) => SignatureDiagnosis
  /** Re-signing a replay; absent for a provider whose deliveries cannot be re-signed. */
  resign?: Resign
}

/** A definition whatever its secret and key types, for code that only passes it on. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the pipeline is generic over both
export type AnyProviderDefinition = ProviderDefinition<any, any>

export const PROVIDER_DEFINITIONS = {
  konpro: konproDefinition,
  kayle: kayleDefinition,
} satisfies Record<ProviderId, AnyProviderDefinition>

export const PROVIDER_DEFINITION_LIST: readonly AnyProviderDefinition[] =
  Object.values(PROVIDER_DEFINITIONS)

/** The definition for a stored provider id; KonPro for rows written before there were others. */
export function providerDefinition(id: string): AnyProviderDefinition {
  return Object.hasOwn(PROVIDER_DEFINITIONS, id)
    ? PROVIDER_DEFINITIONS[id as ProviderId]
    : PROVIDER_DEFINITIONS.konpro
}
