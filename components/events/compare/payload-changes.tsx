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
          {c.kind !== 'added' ? (
            <p className="min-w-0 font-mono text-xs break-all">
              <span className="mr-2 text-muted-foreground select-none">A</span>
              <span className="rounded bg-destructive/10 px-1">{shown(c.before)}</span>
            </p>
          ) : null}
          {c.kind !== 'removed' ? (
            <p className="min-w-0 font-mono text-xs break-all">
              <span className="mr-2 text-muted-foreground select-none">B</span>
              <span className="rounded bg-success/10 px-1">{shown(c.after)}</span>
            </p>
          ) : null}
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
