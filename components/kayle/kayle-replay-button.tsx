'use client'

import { useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { RotateCwIcon } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { useHydrated } from '@/components/use-hydrated'
import { replayKayleEventAction } from '@/app/(console)/kayle/actions'

/** Asks Kayle to send an event again to its subscribed endpoints. */
export function KayleReplayButton({ eventId }: { eventId: string }) {
  const router = useRouter()
  const [pending, start] = useTransition()
  const hydrated = useHydrated()
  const replay = () =>
    start(async () => {
      const result = await replayKayleEventAction(eventId)
      if (!result.ok)
        return void toast.error('The event was not replayed', { description: result.formError })
      const { requeued, delivered } = result.data
      const plural = (n: number) => `${n} deliver${n === 1 ? 'y' : 'ies'}`
      toast.success('Event replayed', {
        description:
          [
            requeued ? `${plural(requeued)} requeued on Kayle’s retry schedule` : null,
            delivered ? `${plural(delivered)} delivered` : null,
          ]
            .filter(Boolean)
            .join(', ') + '.',
      })
      router.refresh()
    })
  return (
    <Button
      variant="outline"
      size="sm"
      disabled={pending || !hydrated}
      onClick={replay}
      aria-label={`Replay event ${eventId}`}
    >
      <RotateCwIcon /> Replay
    </Button>
  )
}
