// The part of a JSON value the tree shows. A hostile payload (deep, or wide: 100k keys, or one
// 1 MiB string) would otherwise render millions of nodes (an 83 MB page from a 24 KB body): the
// walk is breadth first with a budget of nodes, a depth limit, a cap per container and a budget of
// characters, so the top of any value shows and the rest is counted. What is left out loads on
// demand, one bounded chunk at a time (subtreeChunk, served by /api/events/<id>/tree).

export const MAX_TREE_NODES = 1_000
export const MAX_TREE_DEPTH = 24
// Per container: huge arrays or objects would spend the whole budget on one level.
export const MAX_TREE_ENTRIES = 200
// Characters of keys and strings the page carries; past it each is cut short (and loads on demand).
export const MAX_TREE_CHARS = 50_000
export const MAX_STRING_CHARS = 1_000
export const MAX_KEY_CHARS = 200
// What a string or key is cut to once the character budget is spent.
const MIN_CHARS = 40
// Containers this shallow start open, as long as what they show fits in this many rows: the
// rest starts folded, so a wide payload does not put thousands of rows in the page.
export const OPEN_DEPTH = 2
export const MAX_OPEN_ROWS = 250
/** One "show more" of a long string. */
export const STRING_CHUNK_CHARS = 20_000

/** A loaded chunk of a container opened on demand: a smaller budget, so each click stays cheap. */
export const CHUNK_BOUNDS = { nodes: 400, depth: 3, entries: MAX_TREE_ENTRIES, chars: 20_000 }

export type TreeNode =
  /** `length` is set when a string was cut: its full length, the shown part being `value`. */
  | { kind: 'scalar'; value: unknown; length?: number }
  | {
      kind: 'container'
      isArray: boolean
      size: number
      /** Position of the first child among the container's entries (later chunks start past 0). */
      from: number
      /** Keys as shown (long ones cut, ending in …); a child's position is `from` plus its index. */
      children: [string | number, TreeNode][]
      /** True when no children were walked: the node opens on demand. */
      cut: boolean
      /** Starts open (see MAX_OPEN_ROWS). */
      open?: boolean
    }

/** A path from the root: each step a child's position among its parent's entries. */
export type TreePath = number[]

type Bounds = { nodes: number; depth: number; entries: number; chars: number }
const PAGE_BOUNDS: Bounds = {
  nodes: MAX_TREE_NODES,
  depth: MAX_TREE_DEPTH,
  entries: MAX_TREE_ENTRIES,
  chars: MAX_TREE_CHARS,
}

const isContainer = (v: unknown): v is object => v !== null && typeof v === 'object'

/** Bounded view of `value`, its root's children starting at entry `from`. */
export function treeModel(
  value: unknown,
  { from = 0, bounds = PAGE_BOUNDS }: { from?: number; bounds?: Bounds } = {},
): { root: TreeNode; truncated: boolean } {
  let budget = bounds.nodes
  let chars = bounds.chars
  let truncated = false
  const clip = (text: string, max: number) => {
    const keep = Math.min(max, Math.max(MIN_CHARS, chars))
    chars -= Math.min(text.length, keep)
    return text.length > keep ? text.slice(0, keep) : text
  }
  const make = (v: unknown): TreeNode => {
    budget--
    if (typeof v === 'string') {
      const shown = clip(v, MAX_STRING_CHARS)
      if (shown.length < v.length) truncated = true
      return shown.length < v.length
        ? { kind: 'scalar', value: shown, length: v.length }
        : { kind: 'scalar', value: v }
    }
    if (!isContainer(v)) return { kind: 'scalar', value: v }
    const isArray = Array.isArray(v)
    return {
      kind: 'container',
      isArray,
      size: isArray ? v.length : Object.keys(v).length,
      from: 0,
      children: [],
      cut: false,
    }
  }
  const root = make(value)
  if (root.kind === 'container') root.from = from
  const queue: { node: TreeNode; value: unknown; depth: number }[] = [
    { node: root, value, depth: 0 },
  ]
  for (let i = 0; i < queue.length; i++) {
    const { node, value: v, depth } = queue[i]!
    if (node.kind !== 'container' || node.size === 0) continue
    if (depth >= bounds.depth || budget <= 0) {
      node.cut = true
      truncated = true
      continue
    }
    const start = node.from
    const entries: [string | number, unknown][] = []
    if (Array.isArray(v))
      for (let k = start; k < v.length && entries.length < bounds.entries; k++)
        entries.push([k, v[k]])
    else {
      let position = 0
      for (const k in v as object) {
        if (position++ < start) continue
        if (entries.length >= bounds.entries) break
        entries.push([k, (v as Record<string, unknown>)[k]])
      }
    }
    for (const [k, child] of entries) {
      if (budget <= 0) break
      const made = make(child)
      const key = typeof k === 'number' ? k : clipKey(k, clip)
      node.children.push([key, made])
      queue.push({ node: made, value: child, depth: depth + 1 })
    }
    if (node.from + node.children.length < node.size) truncated = true
  }
  markOpen(root)
  return { root, truncated }
}

/** Opens the root, then containers breadth first while their rows fit in MAX_OPEN_ROWS. */
function markOpen(root: TreeNode) {
  let rows = 1
  const queue: { node: TreeNode; depth: number }[] = [{ node: root, depth: 0 }]
  for (let i = 0; i < queue.length; i++) {
    const { node, depth } = queue[i]!
    if (node.kind !== 'container' || node.cut || node.children.length === 0 || depth >= OPEN_DEPTH)
      continue
    if (depth > 0 && rows + node.children.length > MAX_OPEN_ROWS) continue
    node.open = true
    rows += node.children.length
    for (const [, child] of node.children) queue.push({ node: child, depth: depth + 1 })
  }
}

function clipKey(key: string, clip: (text: string, max: number) => string) {
  const shown = clip(key, MAX_KEY_CHARS)
  return shown.length < key.length ? `${shown}…` : key
}

/** The value at `path`, or undefined when the path leads nowhere. */
export function valueAt(value: unknown, path: TreePath): unknown {
  let here = value
  for (const position of path) {
    if (Array.isArray(here)) here = here[position]
    else if (isContainer(here)) {
      // Object.keys walks the same order as the for-in of treeModel.
      const key = Object.keys(here)[position]
      if (key === undefined) return undefined
      here = (here as Record<string, unknown>)[key]
    } else return undefined
  }
  return here
}

export type TreeChunk =
  | { kind: 'container'; node: TreeNode & { kind: 'container' } }
  | { kind: 'text'; text: string; length: number }

/** The next bounded piece of the node at `path`: children from entry `from`, or characters from `from`. */
export function subtreeChunk(value: unknown, path: TreePath, from: number): TreeChunk | null {
  const here = valueAt(value, path)
  if (typeof here === 'string')
    return { kind: 'text', text: here.slice(from, from + STRING_CHUNK_CHARS), length: here.length }
  if (!isContainer(here)) return null
  const { root } = treeModel(here, { from, bounds: CHUNK_BOUNDS })
  return root.kind === 'container' ? { kind: 'container', node: root } : null
}
