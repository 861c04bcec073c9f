import type { Metadata } from 'next'
import { ActivityIcon } from 'lucide-react'
import { EmptyState } from '@/components/empty-state'
import { PageHeader } from '@/components/page-header'
import { ReceiverUrlCard } from '@/components/events/receiver-url-card'
import { receiverUrl } from '@/lib/webhooks/receiver-url'

export const metadata: Metadata = { title: 'Events' }

export default async function EventsPage() {
  const url = await receiverUrl()
  return (
    <>
      <PageHeader title="Events" description="Every webhook this console receives, live." />
      <div className="flex flex-col gap-6">
        <ReceiverUrlCard url={url} />
        <EmptyState icon={ActivityIcon} title="No deliveries yet">
          Register an endpoint whose URL is this console&apos;s receiver, then send a test event from the Endpoints page.
          Deliveries appear here the moment they arrive.
        </EmptyState>
      </div>
    </>
  )
}
