'use client'

import { toast } from 'sonner'
import { ActionButton } from '@/components/provider/action-button'
import { replayKayleEventAction } from '@/app/(console)/kayle/actions'

const plural = (n: number) => `${n} deliver${n === 1 ? 'y' : 'ies'}`

/** Asks Kayle to send an event again to its subscribed endpoints. */
export function KayleReplayButton({ eventId }: { eventId: string }) {
  const replay = async () => {
    const result = await replayKayleEventAction(eventId)
    if (!result.ok)
      return void toast.error('The event was not replayed', { description: result.formError })
    const { requeued, delivered } = result.data
    toast.success('Event replayed', {
      description:
        [
          requeued ? `${plural(requeued)} requeued on Kayle’s retry schedule` : null,
          delivered ? `${plural(delivered)} delivered` : null,
        ]
          .filter(Boolean)
          .join(', ') + '.',
    })
  }
  return (
    <ActionButton run={replay} label={`Replay event ${eventId}`}>
      Replay
    </ActionButton>
  )
}
