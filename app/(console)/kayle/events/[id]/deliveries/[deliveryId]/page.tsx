// One Kayle delivery. Kayle documents no GET for a single delivery: it is read from the list
// filtered by its event (`event_id`), which is why its address sits under the event.
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { ArrowLeftIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { PageHeader } from '@/components/page-header'
import { ProviderErrorPanel } from '@/components/provider-error'
import { KayleDeliveryFacts } from '@/components/kayle/kayle-delivery-facts'
import { kayleDeliveryHref, kayleEventHref } from '@/components/kayle/kayle-paths'
import { requireUser } from '@/lib/auth/current'
import { loadKayleDelivery } from '@/lib/kayle/endpoints'

export const metadata: Metadata = { title: 'Kayle delivery' }

export default async function KayleDeliveryPage({ params }: { params: Promise<{ id: string; deliveryId: string }> }) {
  const user = await requireUser()
  const raw = await params
  const eventId = decodeURIComponent(raw.id)
  const deliveryId = decodeURIComponent(raw.deliveryId)
  const loaded = await loadKayleDelivery(eventId, deliveryId)
  const back = (
    <Button asChild variant="ghost" size="sm" className="mb-4 -ml-2">
      <Link href={kayleEventHref(eventId)}>
        <ArrowLeftIcon /> Event {eventId}
      </Link>
    </Button>
  )
  if (!loaded.ok) {
    if (loaded.error.kind === 'not_found') notFound()
    return (
      <>
        {back}
        <ProviderErrorPanel provider="Kayle" error={loaded.error} retryHref={kayleDeliveryHref(eventId, deliveryId)} />
      </>
    )
  }
  const { delivery, endpointName } = loaded.data
  return (
    <div className="max-w-3xl">
      {back}
      <PageHeader title="Kayle delivery" description={<span className="font-mono break-all">{delivery.id}</span>} />
      <KayleDeliveryFacts delivery={delivery} endpointName={endpointName} canRetry={user.role === 'admin'} />
    </div>
  )
}
