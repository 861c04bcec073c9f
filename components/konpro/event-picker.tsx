'use client'

import { cn } from '@/lib/utils'
import type { KonproEventType } from '@/lib/providers/konpro/schemas'

/**
 * "All events" (an empty list, as KonPro documents) or a chosen set. `chooseSome` keeps the
 * second mode selected while nothing is ticked yet.
 */
export function EventPicker({
  types,
  value,
  onChange,
  chooseSome,
  onChooseSome,
  invalid,
}: {
  types: KonproEventType[]
  value: string[]
  onChange: (events: string[]) => void
  chooseSome: boolean
  onChooseSome: (some: boolean) => void
  invalid?: boolean
}) {
  const toggle = (eventType: string, checked: boolean) =>
    onChange(checked ? [...value, eventType] : value.filter((e) => e !== eventType))
  // Types the endpoint already has but KonPro no longer lists stay visible so they can be removed.
  const known = new Set(types.map((t) => t.eventType))
  const all = [
    ...types,
    ...value
      .filter((e) => !known.has(e))
      .map((eventType) => ({ eventType, description: 'Not in KonPro’s current list' })),
  ]

  return (
    <fieldset className="flex flex-col gap-3" aria-invalid={invalid || undefined}>
      <legend className="mb-2 text-sm font-medium">Events</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {[
          {
            some: false,
            title: 'All events',
            text: 'Receive every event type, including ones KonPro adds later.',
          },
          {
            some: true,
            title: 'Selected events',
            text: 'Receive only the event types ticked below.',
          },
        ].map((option) => (
          <label
            key={option.title}
            className={cn(
              'flex cursor-pointer gap-3 rounded-md border p-3 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring',
              chooseSome === option.some && 'border-primary bg-accent/60',
            )}
          >
            <input
              type="radio"
              name="event-mode"
              className="mt-0.5 accent-[var(--primary)]"
              checked={chooseSome === option.some}
              onChange={() => {
                onChooseSome(option.some)
                if (!option.some) onChange([])
              }}
            />
            <span>
              <span className="block font-medium">{option.title}</span>
              <span className="text-muted-foreground">{option.text}</span>
            </span>
          </label>
        ))}
      </div>
      {chooseSome ? (
        <ul
          className={cn(
            'grid gap-1 rounded-md border p-2 sm:grid-cols-2',
            invalid && 'border-destructive',
          )}
          aria-label="Event types"
        >
          {all.map((t) => (
            <li key={t.eventType}>
              <label className="flex cursor-pointer items-start gap-2 rounded p-2 text-sm hover:bg-muted">
                <input
                  type="checkbox"
                  className="mt-0.5 accent-[var(--primary)]"
                  checked={value.includes(t.eventType)}
                  onChange={(e) => toggle(t.eventType, e.target.checked)}
                />
                <span className="min-w-0">
                  <span className="block font-mono text-xs font-medium break-all">
                    {t.eventType}
                  </span>
                  {t.description ? (
                    <span className="text-xs text-muted-foreground">{t.description}</span>
                  ) : null}
                </span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  )
}
