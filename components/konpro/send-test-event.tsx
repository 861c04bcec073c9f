'use client'

import { useState, useTransition } from 'react'
import { SendIcon } from 'lucide-react'
import { toast } from 'sonner'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { Select } from '@/components/ui/select'
import { TitledDialog } from '@/components/ui/titled-dialog'
import type { DeliveryResult } from '@/lib/providers/konpro/sandbox/deliver'
import { sendTestEventAction } from '@/app/(console)/konpro/endpoints/actions'

/** Sandbox only: sends a sample event to every subscribed endpoint and shows each delivery. */
export function SendTestEvent({ eventTypes }: { eventTypes: string[] }) {
  const [eventType, setEventType] = useState(eventTypes[0] ?? '')
  const [results, setResults] = useState<DeliveryResult[] | null>(null)
  const [pending, startTransition] = useTransition()

  const send = () =>
    startTransition(async () => {
      const result = await sendTestEventAction({ eventType })
      if (!result.ok) {
        toast.error(
          result.formError ?? result.fieldErrors?.['']?.[0] ?? 'The test event was not sent.',
        )
        return
      }
      setResults(result.data)
    })

  return (
    <TitledDialog
      onOpenChange={(open) => !open && setResults(null)}
      trigger={
        <Button variant="outline">
          <SendIcon /> Send test event
        </Button>
      }
      className="max-w-xl"
      title="Send a test event"
      description="The sandbox posts a sample payload, signed with each endpoint’s secret, to every enabled endpoint subscribed to the type."
    >
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <Field id="test-event-type" label="Event type" className="flex-1">
          <Select
            className="font-mono"
            value={eventType}
            onChange={(e) => setEventType(e.target.value)}
          >
            {eventTypes.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </Select>
        </Field>
        <Button onClick={send} disabled={pending || !eventType}>
          <SendIcon /> {pending ? 'Sending…' : 'Send'}
        </Button>
      </div>
      {results ? (
        results.length === 0 ? (
          <p
            className="rounded-md border border-dashed p-4 text-sm text-muted-foreground"
            role="status"
          >
            No enabled endpoint is subscribed to <span className="font-mono">{eventType}</span>, so
            nothing was sent.
          </p>
        ) : (
          <ul className="flex flex-col divide-y rounded-md border" aria-label="Deliveries">
            {results.map((r) => (
              <li key={r.endpointId} className="flex items-center gap-3 p-3 text-sm">
                <Badge variant={r.statusCode && r.statusCode < 300 ? 'success' : 'destructive'}>
                  {r.statusCode ? `HTTP ${r.statusCode}` : r.error}
                </Badge>
                <span className="min-w-0 flex-1 truncate font-mono text-xs" title={r.url}>
                  {r.url}
                </span>
                <span className="text-xs whitespace-nowrap text-muted-foreground">
                  {r.durationMs} ms
                </span>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </TitledDialog>
  )
}
