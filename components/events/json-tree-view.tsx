'use client'

import { useState } from 'react'
import { LazyChildren, MoreEntries, MoreText } from './json-tree-lazy'
import type { TreeNode, TreePath } from './json-tree-model'

// The JSON tree in the browser, drawn from the bounded model the page carries (json-tree-model.ts).
// A node's children are in the document only while it is open, so a large payload costs markup
// for what is on screen, not for everything folded. Every value is a React text node: payloads
// are untrusted and must never become markup. `source` is where the parts past the bounds load
// from; without one they are counted and the raw body has them.

type Container = TreeNode & { kind: 'container' }

function Key({ name }: { name: string | number }) {
  return typeof name === 'number' ? (
    <span className="text-muted-foreground">{name}: </span>
  ) : (
    <span className="break-all text-accent-foreground">&quot;{name}&quot;: </span>
  )
}

function Scalar({ value, rest }: { value: unknown; rest?: React.ReactNode }) {
  if (value === null) return <span className="text-muted-foreground italic">null</span>
  if (typeof value === 'string')
    return (
      <span className="break-all text-success">
        &quot;{value}
        {rest}&quot;
      </span>
    )
  if (typeof value === 'number') return <span className="text-primary">{String(value)}</span>
  if (typeof value === 'boolean') return <span className="text-warning">{String(value)}</span>
  return <span>{String(value)}</span>
}

const plural = (n: number, isArray: boolean) =>
  `${n.toLocaleString('en')} ${isArray ? (n === 1 ? 'item' : 'items') : n === 1 ? 'key' : 'keys'}`

type Place = { depth: number; path: TreePath; source?: string }

export function TreeNodeView({
  name,
  node,
  depth,
  path,
  source,
}: Place & { name?: string | number; node: TreeNode }) {
  if (node.kind === 'scalar') {
    const shown = String(node.value).length
    const more =
      node.length === undefined ? null : source ? (
        <MoreText source={source} path={path} from={shown} length={node.length} />
      ) : (
        <span className="text-muted-foreground italic">
          … {(node.length - shown).toLocaleString('en')} more characters
        </span>
      )
    return (
      <div className="py-px pl-4">
        {name !== undefined ? <Key name={name} /> : null}
        <Scalar value={node.value} rest={more} />
      </div>
    )
  }
  const [open, close] = node.isArray ? ['[', ']'] : ['{', '}']
  if (node.size === 0 || (node.cut && !source)) {
    return (
      <div className="py-px pl-4">
        {name !== undefined ? <Key name={name} /> : null}
        <span className="text-muted-foreground">
          {node.size === 0
            ? open + close
            : `${open} ${plural(node.size, node.isArray)} ${close} (not shown: see the raw body)`}
        </span>
      </div>
    )
  }
  return <ContainerView name={name} node={node} depth={depth} path={path} source={source} />
}

/**
 * Folded, a container reads `▸ "key": { 3 keys }`; open, `▾ "key": {` with its children and the
 * closing bracket below them. A container left out of the page (`cut`) loads its children the
 * first time it opens.
 */
function ContainerView({
  name,
  node,
  depth,
  path,
  source,
}: Place & { name?: string | number; node: Container }) {
  const [open, setOpen] = useState(node.open === true)
  const [opened, setOpened] = useState(open)
  const [bracketOpen, bracketClose] = node.isArray ? ['[', ']'] : ['{', '}']
  return (
    <details
      open={open}
      className="pl-4"
      data-lazy={node.cut || undefined}
      onToggle={(e) => {
        const now = e.currentTarget.open
        setOpen(now)
        if (now) setOpened(true)
      }}
    >
      <summary className="-ml-4 cursor-pointer list-none py-px marker:hidden [&::-webkit-details-marker]:hidden">
        <span
          aria-hidden
          data-testid="tree-arrow"
          className={
            open
              ? 'inline-block w-4 rotate-90 text-muted-foreground'
              : 'inline-block w-4 text-muted-foreground'
          }
        >
          ▸
        </span>
        {name !== undefined ? <Key name={name} /> : null}
        <span className="text-muted-foreground">
          {bracketOpen}
          {open ? null : ` ${plural(node.size, node.isArray)} ${bracketClose}`}
        </span>
      </summary>
      {/* Once opened, children stay mounted (folding again keeps what was loaded). */}
      {opened ? (
        <>
          <div className="border-l border-border/70">
            {node.cut ? (
              <LazyChildren source={source!} path={path} depth={depth} />
            ) : (
              <Children node={node} depth={depth} path={path} source={source} />
            )}
          </div>
          <div className="text-muted-foreground">{bracketClose}</div>
        </>
      ) : null}
    </details>
  )
}

/** A container's loaded children, each with its path (its position among all the entries), and what is left. */
export function Children({ node, depth, path, source }: Place & { node: Container }) {
  const next = node.from + node.children.length
  return (
    <>
      {node.children.map(([k, child], i) => (
        <TreeNodeView
          key={node.from + i}
          name={k}
          node={child}
          depth={depth + 1}
          path={[...path, node.from + i]}
          source={source}
        />
      ))}
      {next < node.size ? (
        source ? (
          <MoreEntries source={source} path={path} from={next} size={node.size} depth={depth} />
        ) : (
          <div className="py-px pl-4 text-muted-foreground italic">
            … {(node.size - next).toLocaleString('en')} more not shown (see the raw body)
          </div>
        )
      ) : null}
    </>
  )
}
