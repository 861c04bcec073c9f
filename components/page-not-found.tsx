import Link from 'next/link'
import { CompassIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/empty-state'

/** What an address that leads nowhere shows: the page's own heading, and a way back. */
export function PageNotFound() {
  return (
    <EmptyState
      heading="h1"
      icon={CompassIcon}
      title="Page not found"
      action={
        <Button asChild>
          <Link href="/konpro/endpoints">Go to endpoints</Link>
        </Button>
      }
    >
      There is nothing at this address. It may have been moved or deleted.
    </EmptyState>
  )
}
