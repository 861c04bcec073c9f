import type { UseFormRegisterReturn } from 'react-hook-form'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { FieldError } from '@/components/auth/form-messages'

// Where a replay goes and how it is signed, for one delivery and for a bulk run alike: the fields
// of lib/replay/schema.ts's `targetFields`, registered by the caller's form.

export function ReplayTargetFields({
  idPrefix,
  fields,
  errors,
  mode,
  endpoints,
  canResign,
  note,
}: {
  idPrefix: string
  fields: Record<'url' | 'mode' | 'endpointId', UseFormRegisterReturn>
  errors: { url?: string; endpointId?: string }
  mode: 'original' | 'resigned' | undefined
  endpoints: Array<{ id: string; url: string }>
  canResign: boolean
  /** Under the choice: why re-signing is not offered, or what it does. */
  note: string | null
}) {
  const resignable = canResign && endpoints.length > 0
  return (
    <>
      <div className="flex flex-col gap-2">
        <Label htmlFor={`${idPrefix}-url`}>Send again to</Label>
        <Input
          id={`${idPrefix}-url`}
          type="url"
          placeholder="https://staging.example.com/webhooks"
          autoComplete="off"
          aria-invalid={!!errors.url}
          {...fields.url}
        />
        <FieldError message={errors.url} />
      </div>
      <fieldset className="flex min-w-0 flex-col gap-2 text-sm">
        <legend className="mb-1 font-medium">Headers</legend>
        <label className="flex items-center gap-2">
          <input type="radio" value="original" {...fields.mode} /> Original headers and signature
        </label>
        <label
          className={
            resignable ? 'flex items-center gap-2' : 'flex items-center gap-2 text-muted-foreground'
          }
        >
          <input type="radio" value="resigned" disabled={!resignable} {...fields.mode} /> Re-signed
          with an endpoint’s secret
        </label>
        {note ? <p className="text-xs text-muted-foreground">{note}</p> : null}
      </fieldset>
      {mode === 'resigned' ? (
        <div className="flex min-w-0 flex-col gap-2">
          <Label htmlFor={`${idPrefix}-endpoint`}>Endpoint</Label>
          <select
            id={`${idPrefix}-endpoint`}
            className="h-9 w-full min-w-0 truncate rounded-md border border-input bg-card px-3 text-sm shadow-sm"
            aria-invalid={!!errors.endpointId}
            {...fields.endpointId}
          >
            {endpoints.map((e) => (
              <option key={e.id} value={e.id} title={e.url}>
                {e.url}
              </option>
            ))}
          </select>
          <FieldError message={errors.endpointId} />
        </div>
      ) : null}
    </>
  )
}
