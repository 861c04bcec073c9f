import { cn } from '@/lib/utils'
import type { HeaderChange } from '@/lib/events/delivery-diff'

// Headers side by side: the ones that differ open, the identical ones folded below them.

function Row({ h }: { h: HeaderChange }) {
  const differs = h.kind !== 'same'
  return (
    <div
      className={cn(
        'grid gap-1 px-3 py-2 sm:grid-cols-[minmax(8rem,14rem)_minmax(0,1fr)_minmax(0,1fr)] sm:gap-4',
        differs && 'bg-warning/5',
      )}
      data-header={h.name}
      data-kind={h.kind}
    >
      <dt className="font-mono text-xs font-medium break-all text-muted-foreground">{h.name}</dt>
      <dd className="min-w-0 font-mono text-xs break-all">
        <span className="mr-2 text-muted-foreground select-none sm:hidden">A</span>
        {h.before ?? <span className="text-muted-foreground italic">absent</span>}
      </dd>
      <dd className="min-w-0 font-mono text-xs break-all">
        <span className="mr-2 text-muted-foreground select-none sm:hidden">B</span>
        {h.after ?? <span className="text-muted-foreground italic">absent</span>}
      </dd>
    </div>
  )
}

export function HeaderChanges({ headers }: { headers: HeaderChange[] }) {
  const differ = headers.filter((h) => h.kind !== 'same')
  const same = headers.filter((h) => h.kind === 'same')
  return (
    <div className="flex flex-col gap-3" data-testid="header-changes">
      {differ.length > 0 ? (
        <dl className="divide-y rounded-md border text-sm">
          {differ.map((h) => (
            <Row key={h.name} h={h} />
          ))}
        </dl>
      ) : (
        <p className="text-sm text-muted-foreground">The headers are the same.</p>
      )}
      {same.length > 0 ? (
        <details className="rounded-md border text-sm">
          <summary className="cursor-pointer px-3 py-2 text-muted-foreground">
            {same.length} identical header{same.length === 1 ? '' : 's'}
          </summary>
          <dl className="divide-y border-t">
            {same.map((h) => (
              <Row key={h.name} h={h} />
            ))}
          </dl>
        </details>
      ) : null}
    </div>
  )
}
