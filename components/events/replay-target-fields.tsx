import type { FieldError as FormFieldError, UseFormRegisterReturn } from 'react-hook-form'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Select } from '@/components/ui/select'

type TargetField = 'url' | 'mode' | 'endpointId'

// Where a replay goes and how it is signed, for one delivery and for a bulk run alike: the fields
// of lib/replay/schema.ts's `targetFields`, registered by the caller's form.

export function ReplayTargetFields({
  idPrefix,
  endpoints,
  canResign,
  note,
  register,
  errors,
  mode,
}: {
  idPrefix: string
  endpoints: Array<{ id: string; url: string }>
  canResign: boolean
  /** Under the choice: why re-signing is not offered, or what it does. */
  note: string | null
  /** The caller's form's `register` and errors: the form holds more fields than these. */
  register: (name: TargetField) => UseFormRegisterReturn
  errors: Partial<Record<TargetField, FormFieldError>>
  mode: 'original' | 'resigned' | undefined
}) {
  const resignable = canResign && endpoints.length > 0
  return (
    <>
      <Field id={`${idPrefix}-url`} label="Send again to" error={errors.url?.message}>
        <Input
          type="url"
          placeholder="https://staging.example.com/webhooks"
          autoComplete="off"
          {...register('url')}
        />
      </Field>
      <fieldset className="flex min-w-0 flex-col gap-2 text-sm">
        <legend className="mb-1 font-medium">Headers</legend>
        <label className="flex items-center gap-2">
          <input type="radio" value="original" {...register('mode')} /> Original headers and
          signature
        </label>
        <label
          className={
            resignable ? 'flex items-center gap-2' : 'flex items-center gap-2 text-muted-foreground'
          }
        >
          <input type="radio" value="resigned" disabled={!resignable} {...register('mode')} />{' '}
          Re-signed with an endpoint’s secret
        </label>
        {note ? <p className="text-xs text-muted-foreground">{note}</p> : null}
      </fieldset>
      {mode === 'resigned' ? (
        <Field
          id={`${idPrefix}-endpoint`}
          label="Endpoint"
          className="min-w-0"
          error={errors.endpointId?.message}
        >
          <Select className="w-full truncate" {...register('endpointId')}>
            {endpoints.map((e) => (
              <option key={e.id} value={e.id} title={e.url}>
                {e.url}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
    </>
  )
}
