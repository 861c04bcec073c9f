import Link from 'next/link'
import { CompassIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/empty-state'

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-24">
      <EmptyState
        icon={CompassIcon}
        title="Page not found"
        action={
          <Button asChild>
            <Link href="/endpoints">Go to endpoints</Link>
          </Button>
        }
      >
        There is nothing at this address. It may have been moved or deleted.
      </EmptyState>
    </main>
  )
}
