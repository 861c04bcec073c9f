'use client'

import { useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { RotateCwIcon } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { useHydrated } from '@/components/use-hydrated'
import type { Retryability } from '@/lib/kayle/delivery-rules'
import { retryKayleDeliveryAction } from '@/app/(console)/kayle/actions'

/**
 * Retry where Kayle allows one (a failed delivery whose payload is kept, deliveries.mdx); elsewhere
 * the reason it is not offered, so nobody clicks into a 409.
 */
export function KayleRetry({
  deliveryId,
  retry,
  compact,
}: {
  deliveryId: string
  retry: Retryability
  compact?: boolean
}) {
  const router = useRouter()
  const [pending, start] = useTransition()
  const hydrated = useHydrated()
  if (!retry.allowed) {
    return (
      <span
        className={
          compact ? 'block max-w-56 text-xs text-muted-foreground' : 'text-sm text-muted-foreground'
        }
        data-testid="kayle-no-retry"
      >
        <span className={compact ? 'sr-only' : 'font-medium text-foreground'}>
          Retry not offered:{' '}
        </span>
        {retry.reason}
      </span>
    )
  }
  const run = () =>
    start(async () => {
      const result = await retryKayleDeliveryAction(deliveryId)
      if (!result.ok) {
        toast.error('The delivery was not retried', { description: result.formError })
        return void router.refresh()
      }
      toast.success(
        result.data.status === 'pending'
          ? 'Requeued: Kayle sends it again on its retry schedule.'
          : `Retried: ${result.data.status}.`,
      )
      router.refresh()
    })
  return (
    <Button
      variant="outline"
      size="sm"
      disabled={pending || !hydrated}
      onClick={run}
      aria-label={`Retry delivery ${deliveryId}`}
    >
      <RotateCwIcon /> Retry
    </Button>
  )
}
