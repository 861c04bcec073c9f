import type { Metadata } from 'next'
import { Card, CardContent } from '@/components/ui/card'
import { PageHeader } from '@/components/page-header'
import { EndpointForm } from '@/components/konpro/endpoint-form'
import { EventTypesFallbackNote } from '@/components/konpro/event-types-fallback-note'
import { requireAdmin } from '@/lib/auth/current'
import { loadEventTypes } from '@/lib/providers/konpro/endpoints'
import { receiverUrl } from '@/lib/webhooks/receiver-url'

export const metadata: Metadata = { title: 'New endpoint' }

export default async function NewEndpointPage() {
  await requireAdmin()
  const [{ types, fallback }, receiver] = await Promise.all([loadEventTypes(), receiverUrl()])
  return (
    <div className="max-w-3xl">
      <PageHeader
        title="New endpoint"
        description="Tell KonPro where to send events and which ones."
      />
      {fallback ? <EventTypesFallbackNote /> : null}
      <Card>
        <CardContent className="pt-5">
          <EndpointForm eventTypes={types} receiverUrl={receiver} />
        </CardContent>
      </Card>
    </div>
  )
}
