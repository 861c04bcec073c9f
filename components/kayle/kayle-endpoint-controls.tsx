'use client'

import { useState, useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { PauseIcon, PlayIcon, SendIcon } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { useHydrated } from '@/components/use-hydrated'
import { DeleteEndpointButton } from '@/components/provider/delete-endpoint-button'
import { KAYLE_EVENT_TYPE_NAMES } from '@/lib/providers/kayle/event-catalog'
import {
  deleteKayleEndpointAction,
  sendKayleTestEventAction,
  setKayleEndpointEnabledAction,
} from '@/app/(console)/kayle/actions'

const selectClass = 'h-9 min-w-0 rounded-md border border-input bg-card px-2.5 text-sm shadow-sm'

/** Pause or resume, send a sandbox test event, delete. */
export function KayleEndpointControls({
  endpointId,
  url,
  enabled,
  sandbox,
}: {
  endpointId: string
  url: string
  enabled: boolean
  sandbox: boolean
}) {
  const router = useRouter()
  const [pending, start] = useTransition()
  const hydrated = useHydrated()
  const busy = pending || !hydrated
  const [eventType, setEventType] = useState<string>(KAYLE_EVENT_TYPE_NAMES[0])

  const toggle = () =>
    start(async () => {
      const result = await setKayleEndpointEnabledAction({ id: endpointId, enabled: !enabled })
      if (!result.ok) return void toast.error(result.formError ?? 'Nothing changed.')
      toast.success(
        enabled
          ? 'Endpoint paused: Kayle holds its deliveries.'
          : 'Endpoint enabled: deliveries resume.',
      )
      router.refresh()
    })
  const send = () =>
    start(async () => {
      const result = await sendKayleTestEventAction({
        endpointId,
        eventType: eventType as (typeof KAYLE_EVENT_TYPE_NAMES)[number],
      })
      if (!result.ok) {
        toast.error('The test event was not delivered', { description: result.formError })
        return void router.refresh()
      }
      toast.success(`Test event delivered: the endpoint answered HTTP ${result.data.statusCode}.`)
      router.refresh()
    })

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button variant="outline" onClick={toggle} disabled={busy}>
        {enabled ? <PauseIcon /> : <PlayIcon />} {enabled ? 'Pause endpoint' : 'Enable endpoint'}
      </Button>
      {sandbox ? (
        // Wraps on a phone: the select and its button side by side are wider than 375px.
        <span className="flex max-w-full min-w-0 flex-wrap items-center gap-2">
          <select
            aria-label="Test event type"
            className={`${selectClass} max-w-full`}
            value={eventType}
            onChange={(e) => setEventType(e.target.value)}
          >
            {KAYLE_EVENT_TYPE_NAMES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
          <Button variant="outline" onClick={send} disabled={busy}>
            <SendIcon /> Send test event
          </Button>
        </span>
      ) : null}
      <DeleteEndpointButton
        url={url}
        provider="kayle"
        remove={() => deleteKayleEndpointAction(endpointId)}
        deleted="Kayle endpoint deleted"
        disabled={busy}
      />
    </div>
  )
}
