import { CopyButton } from '@/components/copy-button'

/**
 * Identifiers a provider put on a delivery, as rows of a definition list: the field name as it
 * appears in the payload or header, the value with a copy button. The caller owns the `<dl>`.
 */
export function IdRows({ rows }: { rows: readonly (readonly [field: string, value: string])[] }) {
  return rows.map(([field, value]) => (
    <div key={field} className="grid gap-1">
      <dt className="font-mono text-xs text-muted-foreground">{field}</dt>
      <dd className="flex min-w-0 items-center justify-between gap-2">
        <code className="min-w-0 font-mono text-xs break-all">{value}</code>
        <CopyButton value={value} label={`Copy ${field}`} size="icon" />
      </dd>
    </div>
  ))
}
