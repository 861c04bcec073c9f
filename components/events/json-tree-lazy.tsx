'use client'

import { useEffect, useState } from 'react'
import { MAX_TREE_ENTRIES, type TreeChunk, type TreeNode, type TreePath } from './json-tree-model'
import { Children } from './json-tree-view'

// The parts of the tree past its bounds, loaded when asked for: a folded node's children when it
// opens, the next entries of a wide container, the rest of a long string. Each load is one bounded
// chunk from `source` (/api/events/<id>/tree), so neither the page nor one click carries a whole
// hostile payload.

type Container = TreeNode & { kind: 'container' }
type Load<T> =
  { state: 'idle' | 'loading' } | { state: 'failed'; message: string } | { state: 'done'; value: T }

async function fetchChunk(source: string, path: TreePath, from: number): Promise<TreeChunk> {
  const res = await fetch(`${source}?at=${path.join('.')}&from=${from}`, {
    headers: { accept: 'application/json' },
  })
  const body = (await res.json().catch(() => null)) as
    (TreeChunk & { error?: undefined }) | { error?: string } | null
  if (!res.ok || !body || !('kind' in body)) {
    throw new Error(
      res.status === 401
        ? 'Your session ended: sign in again to load this part.'
        : (body && 'error' in body && body.error) || `The console answered ${res.status}.`,
    )
  }
  return body
}

function Problem({ message, retry }: { message: string; retry: () => void }) {
  return (
    <span role="status" className="block py-px pl-4 font-sans text-xs text-destructive">
      Could not load this part: {message}{' '}
      <button type="button" onClick={retry} className="underline underline-offset-2">
        Try again
      </button>
    </span>
  )
}

const linkButton =
  'text-left font-sans text-xs text-primary underline-offset-2 hover:underline disabled:opacity-60'

/** The children of a container left out of the page, loaded when it first opens (mounts). */
export function LazyChildren({
  source,
  path,
  depth,
}: {
  source: string
  path: TreePath
  depth: number
}) {
  const [load, setLoad] = useState<Load<Container>>({ state: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const at = path.join('.')
  useEffect(() => {
    let current = true
    fetchChunk(source, at === '' ? [] : at.split('.').map(Number), 0).then(
      (chunk) =>
        current &&
        setLoad(
          chunk.kind === 'container'
            ? { state: 'done', value: chunk.node }
            : { state: 'failed', message: 'this part of the payload changed.' },
        ),
      (error: Error) => current && setLoad({ state: 'failed', message: error.message }),
    )
    return () => {
      current = false
    }
  }, [source, at, attempt])
  if (load.state === 'done')
    return <Children node={load.value} depth={depth} path={path} source={source} />
  if (load.state === 'failed') {
    const retry = () => {
      setLoad({ state: 'loading' })
      setAttempt((n) => n + 1)
    }
    return <Problem message={load.message} retry={retry} />
  }
  return <span className="block py-px pl-4 font-sans text-xs text-muted-foreground">Loading…</span>
}

/** "Show N more": the next chunk of a container's entries, and again after it while any are left. */
export function MoreEntries({
  source,
  path,
  from,
  size,
  depth,
}: {
  source: string
  path: TreePath
  from: number
  size: number
  depth: number
}) {
  const [load, setLoad] = useState<Load<Container>>({ state: 'idle' })
  const start = async () => {
    setLoad({ state: 'loading' })
    try {
      const chunk = await fetchChunk(source, path, from)
      if (chunk.kind !== 'container' || chunk.node.children.length === 0)
        throw new Error('this part of the payload changed.')
      setLoad({ state: 'done', value: chunk.node })
    } catch (error) {
      setLoad({ state: 'failed', message: (error as Error).message })
    }
  }
  if (load.state === 'done')
    return <Children node={load.value} depth={depth} path={path} source={source} />
  if (load.state === 'failed') return <Problem message={load.message} retry={start} />
  const left = size - from
  return (
    <button
      type="button"
      className={`${linkButton} block py-px pl-4`}
      onClick={start}
      disabled={load.state === 'loading'}
    >
      {load.state === 'loading'
        ? 'Loading…'
        : `Show the next ${Math.min(left, MAX_TREE_ENTRIES).toLocaleString('en')} (${left.toLocaleString('en')} more not shown)`}
    </button>
  )
}

/** The rest of a long string, a chunk at a time. */
export function MoreText({
  source,
  path,
  from,
  length,
}: {
  source: string
  path: TreePath
  from: number
  length: number
}) {
  const [text, setText] = useState('')
  const [load, setLoad] = useState<Load<null>>({ state: 'idle' })
  const shown = from + text.length
  const start = async () => {
    setLoad({ state: 'loading' })
    try {
      const chunk = await fetchChunk(source, path, shown)
      if (chunk.kind !== 'text' || chunk.text.length === 0)
        throw new Error('this part of the payload changed.')
      setText((t) => t + chunk.text)
      setLoad({ state: 'idle' })
    } catch (error) {
      setLoad({ state: 'failed', message: (error as Error).message })
    }
  }
  return (
    <>
      {text}
      {shown < length ? (
        load.state === 'failed' ? (
          <Problem message={load.message} retry={start} />
        ) : (
          <button
            type="button"
            className={`${linkButton} pl-1`}
            onClick={start}
            disabled={load.state === 'loading'}
          >
            {load.state === 'loading'
              ? 'Loading…'
              : `… show more (${(length - shown).toLocaleString('en')} more characters)`}
          </button>
        )
      ) : null}
    </>
  )
}
