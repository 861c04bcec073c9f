// The part of a JSON value the tree shows. A hostile payload (deep, or wide: 100k keys) would
// otherwise render millions of nodes (an 83 MB page from a 24 KB body): the walk is breadth
// first with a budget of nodes and a depth limit, so the top of any value shows and the rest is
// counted, with the raw body for all of it.

export const MAX_TREE_NODES = 1_000
export const MAX_TREE_DEPTH = 24
// Per container: huge arrays or objects would spend the whole budget on one level.
export const MAX_TREE_ENTRIES = 200

export type TreeNode =
  | { kind: 'scalar'; value: unknown }
  | { kind: 'container'; isArray: boolean; size: number; children: [string | number, TreeNode][]; cut: boolean }

/** Bounded view of `value`: at most MAX_TREE_NODES nodes, MAX_TREE_DEPTH levels. */
export function treeModel(value: unknown): { root: TreeNode; truncated: boolean } {
  let budget = MAX_TREE_NODES
  let truncated = false
  const make = (v: unknown): TreeNode => {
    budget--
    if (v === null || typeof v !== 'object') return { kind: 'scalar', value: v }
    const isArray = Array.isArray(v)
    return { kind: 'container', isArray, size: isArray ? v.length : Object.keys(v).length, children: [], cut: false }
  }
  const root = make(value)
  const queue: { node: TreeNode; value: unknown; depth: number }[] = [{ node: root, value, depth: 0 }]
  for (let i = 0; i < queue.length; i++) {
    const { node, value: v, depth } = queue[i]!
    if (node.kind !== 'container' || node.size === 0) continue
    if (depth >= MAX_TREE_DEPTH || budget <= 0) {
      node.cut = true
      truncated = true
      continue
    }
    const entries: [string | number, unknown][] = []
    if (Array.isArray(v)) for (let k = 0; k < v.length && entries.length < MAX_TREE_ENTRIES; k++) entries.push([k, v[k]])
    else for (const k in v as object) {
      if (entries.length >= MAX_TREE_ENTRIES) break
      entries.push([k, (v as Record<string, unknown>)[k]])
    }
    for (const [k, child] of entries) {
      if (budget <= 0) break
      const made = make(child)
      node.children.push([k, made])
      queue.push({ node: made, value: child, depth: depth + 1 })
    }
    if (node.children.length < node.size) truncated = true
  }
  return { root, truncated }
}
