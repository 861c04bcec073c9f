import { cn } from '@/lib/utils'
import { treeModel, type TreeNode } from './json-tree-model'

// A collapsible JSON view built from <details>, so it needs no client JavaScript. Every value is
// rendered as a React text node: payloads are untrusted and must never become markup.

const OPEN_DEPTH = 2

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

const plural = (n: number, isArray: boolean) => `${n.toLocaleString('en')} ${isArray ? (n === 1 ? 'item' : 'items') : n === 1 ? 'key' : 'keys'}`

function Node({ name, node, depth }: { name?: string | number; node: TreeNode; depth: number }) {
  if (node.kind === 'scalar') {
    return (
      <div className="py-px pl-4">
        {name !== undefined ? <Key name={name} /> : null}
        <Scalar value={node.value} />
      </div>
    )
  }
  const [open, close] = node.isArray ? ['[', ']'] : ['{', '}']
  if (node.size === 0 || node.cut) {
    return (
      <div className="py-px pl-4">
        {name !== undefined ? <Key name={name} /> : null}
        <span className="text-muted-foreground">
          {node.size === 0 ? open + close : `${open} ${plural(node.size, node.isArray)} ${close} (not shown: see the raw body)`}
        </span>
      </div>
    )
  }
  const hidden = node.size - node.children.length
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
          {plural(node.size, node.isArray)} {close}
        </span>
      </summary>
      <div className="border-l border-border/70">
        {node.children.map(([k, child]) => (
          <Node key={k} name={k} node={child} depth={depth + 1} />
        ))}
        {hidden > 0 ? (
          <div className="py-px pl-4 text-muted-foreground italic">… {hidden.toLocaleString('en')} more not shown (see the raw body)</div>
        ) : null}
      </div>
      <div className="text-muted-foreground">{close}</div>
    </details>
  )
}

/** The tree is bounded (json-tree-model.ts): a hostile payload renders its top, never all of it. */
export function JsonTree({ value, className }: { value: unknown; className?: string }) {
  const { root, truncated } = treeModel(value)
  return (
    <div data-testid="json-tree" className={cn('-ml-4 font-mono text-[13px] leading-relaxed', className)}>
      {truncated ? <p className="pb-2 pl-4 font-sans text-xs text-muted-foreground">Large payload: only its first levels and entries are shown; the raw body below has all of it.</p> : null}
      <Node node={root} depth={0} />
    </div>
  )
}
