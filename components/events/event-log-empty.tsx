import Link from 'next/link'
import { FilterXIcon, InboxIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/empty-state'

/** Where the receiver stands decides the next step: register it first, or send something to it. */
export type ReceiverState = { registered: boolean; sandbox: boolean }

export function EventLogEmpty({
  filtered,
  receiver,
}: {
  filtered: boolean
  receiver?: ReceiverState
}) {
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
        Try a wider time range or another event type. New deliveries that match still appear here
        live.
      </EmptyState>
    )
  }
  const registered = receiver?.registered === true
  return (
    <EmptyState
      icon={InboxIcon}
      title="No deliveries yet"
      className="m-4 border-none"
      action={
        <Button asChild>
          <Link href="/konpro/endpoints">
            {registered && receiver?.sandbox ? 'Send a test event' : 'Go to Endpoints'}
          </Link>
        </Button>
      }
    >
      {registered ? (
        <>
          This receiver is registered with KonPro, so the next event it sends lands here the moment
          it arrives.
          {receiver?.sandbox ? ' To see one now, send a test event from the Endpoints page.' : ''}
        </>
      ) : (
        <>
          Register an endpoint whose URL is this console&apos;s receiver (above), then send a test
          event from the Endpoints page. Deliveries appear here the moment they arrive.
        </>
      )}
    </EmptyState>
  )
}
