// One Kayle delivery. Kayle documents no GET for a single delivery: it is read from the list
// filtered by its event (`event_id`), so the address carries the event as `?event=`.
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { z } from 'zod'
import { BackLink } from '@/components/provider/back-link'
import { DetailHeader } from '@/components/provider/detail-header'
import { DetailFailure } from '@/components/provider/detail-failure'
import { KayleDeliveryFacts } from '@/components/kayle/kayle-delivery-facts'
import { kayleDeliveryHref, kayleEventHref } from '@/components/kayle/kayle-paths'
import { requireUser } from '@/lib/auth/current'
import { loadKayleDelivery } from '@/lib/providers/kayle/endpoints'

export const metadata: Metadata = { title: 'Kayle delivery' }

// Kayle's id pattern for path and query parameters.
const eventSchema = z.object({
  event: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,128}$/)
    .optional()
    .catch(undefined),
})

export default async function KayleDeliveryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const user = await requireUser()
  const deliveryId = decodeURIComponent((await params).id)
  const { event: eventId } = eventSchema.parse(await searchParams)
  // Without its event there is no documented way to find one delivery.
  if (!eventId) notFound()
  const here = kayleDeliveryHref(eventId, deliveryId)
  const loaded = await loadKayleDelivery(eventId, deliveryId)
  const back = (
    <BackLink href={kayleEventHref(eventId)} className="max-w-full">
      <span className="truncate">Event {eventId}</span>
    </BackLink>
  )
  if (!loaded.ok)
    return <DetailFailure provider="kayle" back={back} error={loaded.error} retryHref={here} />
  const { delivery, endpointName } = loaded.data
  return (
    <div className="max-w-3xl">
      <DetailHeader back={back} title="Kayle delivery" subtitle={delivery.id} />
      <KayleDeliveryFacts
        delivery={delivery}
        endpointName={endpointName}
        canRetry={user.role === 'admin'}
      />
    </div>
  )
}
