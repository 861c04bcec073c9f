import { describe, expect, it } from 'vitest'
import {
  MAX_OPEN_ROWS,
  MAX_STRING_CHARS,
  MAX_TREE_DEPTH,
  MAX_TREE_ENTRIES,
  MAX_TREE_NODES,
  STRING_CHUNK_CHARS,
  subtreeChunk,
  treeModel,
  type TreeNode,
  type TreePath,
} from './json-tree-model'

const count = (node: TreeNode): number =>
  1 + (node.kind === 'container' ? node.children.reduce((n, [, c]) => n + count(c), 0) : 0)

/** The first cut container along the leftmost children, and its path. */
function firstCut(
  node: TreeNode,
  path: TreePath = [],
): { node: TreeNode & { kind: 'container' }; path: TreePath } | null {
  if (node.kind !== 'container') return null
  if (node.cut) return { node, path }
  for (const [i, [, child]] of node.children.entries()) {
    const found = firstCut(child, [...path, node.from + i])
    if (found) return found
  }
  return null
}

describe('treeModel', () => {
  it('stops a deep value at its depth limit, and the cut node loads from its path', () => {
    let deep: unknown = { bottom: 'here' }
    for (let i = 0; i < 200; i++) deep = { [`level${i}`]: deep }
    const { root, truncated } = treeModel(deep)
    expect(truncated).toBe(true)
    const cut = firstCut(root)!
    expect(cut.path).toHaveLength(MAX_TREE_DEPTH)
    const chunk = subtreeChunk(deep, cut.path, 0)
    expect(chunk?.kind).toBe('container')
    // The chunk goes a few levels further and is cut again, to be opened in turn.
    const next = firstCut(chunk?.kind === 'container' ? chunk.node : root, cut.path)!
    expect(next.path.length).toBeGreaterThan(cut.path.length)
    expect(subtreeChunk(deep, [...Array(200).fill(0), 0], 0)).toEqual({
      kind: 'text',
      text: 'here',
      length: 4,
    })
  })

  it('caps nodes and entries per container; later entries load in chunks from their position', () => {
    const wide = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, { i }]))
    const { root } = treeModel(wide)
    expect(count(root)).toBeLessThanOrEqual(MAX_TREE_NODES)
    expect(root.kind === 'container' && root.children.length).toBe(MAX_TREE_ENTRIES)
    const chunk = subtreeChunk(wide, [], 4900)
    expect(chunk?.kind === 'container' && chunk.node.from).toBe(4900)
    expect(chunk?.kind === 'container' && chunk.node.children.map(([k]) => k)).toEqual(
      Array.from({ length: 100 }, (_, i) => `k${4900 + i}`),
    )
    // Children of a chunk are addressed by their position among all the entries.
    expect(subtreeChunk(wide, [4999, 0], 0)).toBeNull() // a number: nothing to open
    expect(subtreeChunk(wide, [4999], 0)).toMatchObject({
      kind: 'container',
      node: { children: [['i', { kind: 'scalar', value: 4999 }]] },
    })
    expect(subtreeChunk(wide, [5000], 0)).toBeNull()
  })

  it('cuts long strings and keys, and the characters it carries are bounded', () => {
    const huge = 'x'.repeat(1024 * 1024)
    const { root } = treeModel({
      huge,
      many: Array.from({ length: 900 }, () => 'y'.repeat(5000)),
      ['k'.repeat(10_000)]: 1,
    })
    const text = JSON.stringify(root)
    expect(text.length).toBeLessThan(200_000)
    const first = root.kind === 'container' ? root.children[0]![1] : root
    expect(first).toMatchObject({ kind: 'scalar', length: huge.length })
    expect(first.kind === 'scalar' && String(first.value).length).toBe(MAX_STRING_CHARS)
    expect(subtreeChunk({ huge }, [0], MAX_STRING_CHARS)).toEqual({
      kind: 'text',
      text: 'x'.repeat(STRING_CHUNK_CHARS),
      length: huge.length,
    })
  })

  it('starts open only as many rows as fit in its budget', () => {
    const rowsOpen = (node: TreeNode): number =>
      node.kind === 'container' && node.open
        ? node.children.length + node.children.reduce((n, [, c]) => n + rowsOpen(c), 0)
        : 0
    const many = Array.from({ length: 5000 }, () => ({ a: 1, b: 'x', c: [1], d: { e: null } }))
    const { root } = treeModel(many)
    expect(root.kind === 'container' && root.open).toBe(true)
    expect(1 + rowsOpen(root)).toBeLessThanOrEqual(MAX_OPEN_ROWS)
    expect(1 + rowsOpen(root)).toBeGreaterThan(MAX_OPEN_ROWS - 10)
  })

  it('shows a small payload whole', () => {
    const value = {
      event_type: 'avatar_video.success',
      event_data: { video_id: 'v1', tags: ['a', 'b'] },
    }
    const { root, truncated } = treeModel(value)
    expect(truncated).toBe(false)
    expect(count(root)).toBe(7)
  })
})
