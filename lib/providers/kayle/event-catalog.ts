// Kayle's webhook event types (public docs: "Create a webhook endpoint", subscribed_event_types).

export const KAYLE_EVENT_TYPES = [
  {
    eventType: 'verification.session.succeeded',
    description: 'A verification session finished and the person was verified.',
  },
  {
    eventType: 'verification.session.failed',
    description: 'A verification session finished without verifying the person.',
  },
  {
    eventType: 'verification.session.expired',
    description: 'A verification session ran out of time before it finished.',
  },
  {
    eventType: 'verification.session.cancelled',
    description: 'A verification session was cancelled before it finished.',
  },
] as const

export type KayleEventTypeName = (typeof KAYLE_EVENT_TYPES)[number]['eventType']

export const KAYLE_EVENT_TYPE_NAMES = KAYLE_EVENT_TYPES.map((e) => e.eventType) as [
  KayleEventTypeName,
  ...KayleEventTypeName[],
]

export const isKayleEventType = (value: string): value is KayleEventTypeName =>
  (KAYLE_EVENT_TYPE_NAMES as readonly string[]).includes(value)

/** How long Kayle keeps encrypted payloads it could not deliver; 72 hours unless chosen. */
export const KAYLE_RETENTION_HOURS = [0, 24, 72, 168] as const
export type KayleRetentionHours = (typeof KAYLE_RETENTION_HOURS)[number]
export const DEFAULT_RETENTION_HOURS: KayleRetentionHours = 72

export const DEFAULT_EVENT_TYPE: KayleEventTypeName = 'verification.session.succeeded'
