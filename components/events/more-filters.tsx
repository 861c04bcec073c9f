'use client'

import { useState } from 'react'
import { SlidersHorizontalIcon } from 'lucide-react'
import { Checkbox } from '@/components/ui/checkbox'
import { Input } from '@/components/ui/input'
import { Select, SelectOptions } from '@/components/ui/select'
import { cn } from '@/lib/utils'
import {
  RESPONSE_FILTERS,
  parseFieldFilter,
  type EventFilters,
} from '@/lib/validations/event-filters'

const RESPONSE_LABELS: Record<(typeof RESPONSE_FILTERS)[number], string> = {
  '2xx': 'Answered 2xx',
  '401': '401 (unsigned or invalid, refused)',
  '413': '413 (too large)',
  '429': '429 (rate limited)',
}
const selectClass = 'w-full px-2.5 sm:w-auto sm:max-w-60'

/** The yes-or-no filters, set as `1` in the URL or left out. */
const FLAGS = [
  { key: 'rejected', label: 'Rejected only' },
  { key: 'notJson', label: 'Body not JSON' },
] as const

export type EndpointOption = { id: string; url: string }

/** The less common filters, folded away until used: endpoint, response, rejected, non-JSON and a payload field. */
export function MoreFilters({
  filters,
  endpoints,
  disabled,
  go,
}: {
  filters: EventFilters
  endpoints: EndpointOption[]
  disabled: boolean
  go: (next: EventFilters) => void
}) {
  const active = [
    filters.endpoint,
    filters.status,
    filters.rejected,
    filters.notJson,
    filters.field,
  ].filter(Boolean).length
  const [open, setOpen] = useState(active > 0)
  const [field, setField] = useState(filters.field ?? '')
  const [fieldError, setFieldError] = useState<string | undefined>()
  const applyField = () => {
    const value = field.trim()
    if (value && !parseFieldFilter(value)) {
      setFieldError('Write it as path.to.key=value, for example event_data.video_id=abc.')
      return
    }
    setFieldError(undefined)
    if ((filters.field ?? '') !== value) go({ ...filters, field: value || undefined })
  }
  return (
    <>
      {/* Folded away until used, so the log still starts on the first screen; open while any is set. */}
      <button
        type="button"
        aria-expanded={open}
        aria-controls="more-filters"
        onClick={() => setOpen(!open)}
        className="flex h-9 min-w-0 items-center gap-1.5 rounded-md border px-2.5 text-sm whitespace-nowrap text-muted-foreground hover:text-foreground"
      >
        <SlidersHorizontalIcon className="size-4" aria-hidden /> More filters
        {active ? ` (${active})` : ''}
      </button>
      <div
        id="more-filters"
        className={cn('col-span-2 grid-cols-2 gap-2', open ? 'grid sm:contents' : 'hidden')}
      >
        <Select
          aria-label="Endpoint"
          disabled={disabled}
          className={selectClass}
          value={filters.endpoint ?? ''}
          onChange={(e) => go({ ...filters, endpoint: e.target.value || undefined })}
        >
          <option value="">All endpoints</option>
          {filters.endpoint && !endpoints.some((e) => e.id === filters.endpoint) ? (
            <option value={filters.endpoint}>{filters.endpoint}</option>
          ) : null}
          {endpoints.map((e) => (
            <option key={e.id} value={e.id}>
              {e.url}
            </option>
          ))}
        </Select>
        <Select
          aria-label="Response"
          disabled={disabled}
          className={selectClass}
          value={filters.status ?? ''}
          onChange={(e) =>
            go({ ...filters, status: (e.target.value || undefined) as EventFilters['status'] })
          }
        >
          <option value="">Any response</option>
          <SelectOptions options={RESPONSE_FILTERS.map((s) => [s, RESPONSE_LABELS[s]])} />
        </Select>
        {FLAGS.map(({ key, label }) => (
          <label key={key} className="flex h-9 items-center gap-2 text-sm">
            <Checkbox
              disabled={disabled}
              checked={filters[key] === '1'}
              onChange={(e) => go({ ...filters, [key]: e.target.checked ? '1' : undefined })}
            />
            {label}
          </label>
        ))}
        <div className="col-span-2 flex min-w-0 flex-col gap-1 sm:w-72">
          <Input
            aria-label="Field filter"
            placeholder="event_data.video_id=…"
            className="font-mono text-xs"
            disabled={disabled}
            value={field}
            aria-invalid={!!fieldError}
            aria-describedby={fieldError ? 'field-filter-error' : undefined}
            onChange={(e) => setField(e.target.value)}
            onBlur={applyField}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                applyField()
              }
            }}
          />
          {fieldError ? (
            <p id="field-filter-error" className="text-xs text-destructive">
              {fieldError}
            </p>
          ) : null}
        </div>
      </div>
    </>
  )
}
