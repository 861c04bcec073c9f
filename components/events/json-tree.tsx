import { cn } from '@/lib/utils'
import { treeModel } from './json-tree-model'
import { TreeNodeView } from './json-tree-view'

// The JSON tree of a payload. Only its bounded model (json-tree-model.ts) goes into the page, as
// one compact prop; the browser draws it and loads what lies past the bounds from `source` when
// it is opened (json-tree-lazy.tsx).

/** `source`: where left-out parts load from (/api/events/<id>/tree); without it they are counted only. */
export function JsonTree({
  value,
  source,
  className,
}: {
  value: unknown
  source?: string
  className?: string
}) {
  const { root, truncated } = treeModel(value)
  return (
    <div
      data-testid="json-tree"
      className={cn('-ml-4 font-mono text-[13px] leading-relaxed', className)}
    >
      {truncated ? (
        <p className="pb-2 pl-4 font-sans text-xs text-muted-foreground">
          Large payload: its first levels and entries are shown
          {source ? ' and the rest loads as you open it' : ''}; the raw body has all of it.
        </p>
      ) : null}
      <TreeNodeView node={root} depth={0} path={[]} source={source} />
    </div>
  )
}
