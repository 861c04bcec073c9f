import Link from 'next/link'
import { FilterXIcon, InboxIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/empty-state'

export function EventLogEmpty({ filtered }: { filtered: boolean }) {
  if (filtered) {
    return (
      <EmptyState
        icon={FilterXIcon}
        title="No deliveries match these filters"
        className="m-4 border-none"
        action={
          <Button variant="outline" asChild>
            <Link href="/events">Clear filters</Link>
          </Button>
        }
      >
        Try a wider time range or another event type. New deliveries that match still appear here live.
      </EmptyState>
    )
  }
  return (
    <EmptyState
      icon={InboxIcon}
      title="No deliveries yet"
      className="m-4 border-none"
      action={
        <Button asChild>
          <Link href="/endpoints">Go to Endpoints</Link>
        </Button>
      }
    >
      Register an endpoint whose URL is this console&apos;s receiver (above), then send a test event from the Endpoints
      page. Deliveries appear here the moment they arrive.
    </EmptyState>
  )
}
