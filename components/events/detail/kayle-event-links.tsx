import Link from 'next/link'

/** Kayle's `metadata.event_id` from a decrypted payload, or null for any other payload. */
export function kayleEventIdOf(payload: unknown): string | null {
  if (!payload || typeof payload !== 'object') return null
  const { type, metadata } = payload as { type?: unknown; metadata?: unknown }
  if (typeof type !== 'string' || !type.startsWith('verification.session.')) return null
  const id = metadata && typeof metadata === 'object' ? (metadata as { event_id?: unknown }).event_id : undefined
  return typeof id === 'string' && id ? id : null
}

/** From a received Kayle delivery to the event at Kayle, its deliveries and its replay. */
export function KayleEventLinks({ payload }: { payload: unknown }) {
  const eventId = kayleEventIdOf(payload)
  if (!eventId) return null
  const id = encodeURIComponent(eventId)
  return (
    <p className="flex flex-wrap items-center gap-3 text-sm">
      <span className="font-mono text-xs break-all">{eventId}</span>
      <Link className="text-primary underline-offset-4 hover:underline" href={`/kayle/deliveries?event=${id}`}>
        Kayle deliveries of this event
      </Link>
      <Link className="text-primary underline-offset-4 hover:underline" href="/kayle/events">
        Kayle events (replay)
      </Link>
    </p>
  )
}
