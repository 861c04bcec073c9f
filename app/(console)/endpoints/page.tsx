import type { Metadata } from 'next'
import { WebhookIcon } from 'lucide-react'
import { EmptyState } from '@/components/empty-state'
import { PageHeader } from '@/components/page-header'

export const metadata: Metadata = { title: 'Endpoints' }

export default function EndpointsPage() {
  return (
    <>
      <PageHeader title="Endpoints" description="Where KonPro sends its webhooks." />
      <EmptyState icon={WebhookIcon} title="No endpoints yet">
        Create an endpoint to tell KonPro where to send events such as <code>avatar_video.success</code>.
      </EmptyState>
    </>
  )
}
