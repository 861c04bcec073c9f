'use client'

import { useEffect } from 'react'
import { AlertTriangleIcon, RotateCcwIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/empty-state'

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string }
  reset: () => void
}) {
  useEffect(() => {
    console.error(error)
  }, [error])
  return (
    <EmptyState
      icon={AlertTriangleIcon}
      title="This page could not be shown"
      action={
        <Button onClick={reset}>
          <RotateCcwIcon /> Try again
        </Button>
      }
    >
      Something went wrong while loading it. Try again; if it keeps happening, the server log has
      the details
      {error.digest ? (
        <>
          {' '}
          under reference <code className="font-mono">{error.digest}</code>
        </>
      ) : null}
      .
    </EmptyState>
  )
}
