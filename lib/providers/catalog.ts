// What the console shows of each provider. Safe in the browser: names, paths and event types only.
// The shared pages, the navigation and the events log read providers from here, never by name.
import receivers from '../webhooks/receivers.json'
import { KONPRO_EVENT_TYPES } from './konpro/event-catalog'
import { KAYLE_EVENT_TYPES } from './kayle/event-catalog'

export const PROVIDER_IDS = ['konpro', 'kayle'] as const
export type ProviderId = (typeof PROVIDER_IDS)[number]

export interface ProviderCatalogEntry {
  id: ProviderId
  label: string
  /** The provider's first page in the console. */
  home: string
  /** Where the public receiver listens. */
  receiverPath: string
  eventTypes: readonly { eventType: string; description: string }[]
}

export const PROVIDERS: Readonly<Record<ProviderId, ProviderCatalogEntry>> = {
  konpro: {
    id: 'konpro',
    label: 'KonPro',
    home: '/konpro/endpoints',
    receiverPath: receivers.paths.konpro,
    eventTypes: KONPRO_EVENT_TYPES,
  },
  kayle: {
    id: 'kayle',
    label: 'Kayle',
    home: '/kayle/endpoints',
    receiverPath: receivers.paths.kayle,
    eventTypes: KAYLE_EVENT_TYPES,
  },
}

export const PROVIDER_LIST: readonly ProviderCatalogEntry[] = PROVIDER_IDS.map(
  (id) => PROVIDERS[id],
)

export const isProviderId = (value: string): value is ProviderId =>
  (PROVIDER_IDS as readonly string[]).includes(value)

export const PROVIDER_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  PROVIDER_LIST.map((p) => [p.id, p.label]),
)

/** Every provider's event types, in the catalog's order. */
export const KNOWN_EVENT_TYPES: readonly string[] = PROVIDER_LIST.flatMap((p) =>
  p.eventTypes.map((e) => e.eventType),
)
