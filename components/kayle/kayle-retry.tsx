'use client'

import { toast } from 'sonner'
import { ActionButton } from '@/components/provider/action-button'
import type { Retryability } from '@/lib/providers/kayle/delivery-rules'
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
  const run = async () => {
    const result = await retryKayleDeliveryAction(deliveryId)
    if (!result.ok)
      return void toast.error('The delivery was not retried', { description: result.formError })
    toast.success(
      result.data.status === 'pending'
        ? 'Requeued: Kayle sends it again on its retry schedule.'
        : `Retried: ${result.data.status}.`,
    )
  }
  return (
    <ActionButton run={run} label={`Retry delivery ${deliveryId}`}>
      Retry
    </ActionButton>
  )
}
