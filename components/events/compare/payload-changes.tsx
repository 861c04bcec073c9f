import { Badge } from '@/components/ui/badge'
import type { Change } from '@/lib/events/delivery-diff'

// One line per changed path: what #a had, what #b has.

const SHOWN_CHARS = 400
const shown = (value: unknown) => {
  const text = value === undefined ? '' : JSON.stringify(value)
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text
}
const kinds = {
  changed: { label: 'changed', variant: 'warning' },
  added: { label: 'only in B', variant: 'success' },
  removed: { label: 'only in A', variant: 'destructive' },
} as const

/** One delivery's value at the path, marked A or B and tinted for what it lost or gained. */
function Side({ name, tone, value }: { name: 'A' | 'B'; tone: string; value: unknown }) {
  return (
    <p className="min-w-0 font-mono text-xs break-all">
      <span className="mr-2 text-muted-foreground select-none">{name}</span>
      <span className={`rounded px-1 ${tone}`}>{shown(value)}</span>
    </p>
  )
}

export function PayloadChanges({ changes, truncated }: { changes: Change[]; truncated: boolean }) {
  return (
    <ul className="flex flex-col divide-y rounded-md border text-sm" data-testid="payload-changes">
      {changes.map((c) => (
        <li key={c.path} className="flex min-w-0 flex-col gap-1.5 px-3 py-2" data-kind={c.kind}>
          <div className="flex min-w-0 items-center gap-2">
            <code className="min-w-0 truncate font-mono text-xs font-medium" title={c.path}>
              {c.path}
            </code>
            <Badge variant={kinds[c.kind].variant}>{kinds[c.kind].label}</Badge>
          </div>
          {c.kind !== 'added' ? <Side name="A" tone="bg-destructive/10" value={c.before} /> : null}
          {c.kind !== 'removed' ? <Side name="B" tone="bg-success/10" value={c.after} /> : null}
        </li>
      ))}
      {truncated ? (
        <li className="px-3 py-2 text-xs text-muted-foreground">
          More differences follow; the first {changes.length} are shown.
        </li>
      ) : null}
    </ul>
  )
}
