import { cn } from '@/lib/utils'

// A collapsible JSON view built from <details>, so it needs no client JavaScript. Every value is
// rendered as a React text node: payloads are untrusted and must never become markup.

const OPEN_DEPTH = 2
// Huge arrays or objects would make a page of hundreds of thousands of nodes; the raw body has all.
const MAX_ENTRIES = 200

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="text-muted-foreground italic">null</span>
  if (typeof value === 'string')
    return <span className="break-all text-success">&quot;{value}&quot;</span>
  if (typeof value === 'number') return <span className="text-primary">{String(value)}</span>
  if (typeof value === 'boolean') return <span className="text-warning">{String(value)}</span>
  return <span>{String(value)}</span>
}

function Key({ name }: { name: string | number }) {
  return typeof name === 'number' ? (
    <span className="text-muted-foreground">{name}: </span>
  ) : (
    <span className="text-accent-foreground">&quot;{name}&quot;: </span>
  )
}

function Node({ name, value, depth }: { name?: string | number; value: unknown; depth: number }) {
  if (value === null || typeof value !== 'object') {
    return (
      <div className="py-px pl-4">
        {name !== undefined ? <Key name={name} /> : null}
        <Scalar value={value} />
      </div>
    )
  }
  const isArray = Array.isArray(value)
  const entries: [string | number, unknown][] = isArray ? value.map((v, i) => [i, v]) : Object.entries(value)
  const [open, close] = isArray ? ['[', ']'] : ['{', '}']
  if (entries.length === 0) {
    return (
      <div className="py-px pl-4">
        {name !== undefined ? <Key name={name} /> : null}
        <span className="text-muted-foreground">{open + close}</span>
      </div>
    )
  }
  return (
    <details open={depth < OPEN_DEPTH} className="group pl-4">
      <summary className="-ml-4 cursor-pointer list-none py-px marker:hidden [&::-webkit-details-marker]:hidden">
        <span aria-hidden className="inline-block w-4 text-muted-foreground transition-transform group-open:rotate-90">
          ▸
        </span>
        {name !== undefined ? <Key name={name} /> : null}
        <span className="text-muted-foreground">{open}</span>
        <span className="text-muted-foreground group-open:hidden">
          {' '}
          {entries.length} {isArray ? (entries.length === 1 ? 'item' : 'items') : entries.length === 1 ? 'key' : 'keys'} {close}
        </span>
      </summary>
      <div className="border-l border-border/70">
        {entries.slice(0, MAX_ENTRIES).map(([k, v]) => (
          <Node key={k} name={k} value={v} depth={depth + 1} />
        ))}
        {entries.length > MAX_ENTRIES ? (
          <div className="py-px pl-4 text-muted-foreground italic">
            … {(entries.length - MAX_ENTRIES).toLocaleString('en')} more not shown (see the raw body)
          </div>
        ) : null}
      </div>
      <div className="text-muted-foreground">{close}</div>
    </details>
  )
}

export function JsonTree({ value, className }: { value: unknown; className?: string }) {
  return (
    <div data-testid="json-tree" className={cn('-ml-4 font-mono text-[13px] leading-relaxed', className)}>
      <Node value={value} depth={0} />
    </div>
  )
}
