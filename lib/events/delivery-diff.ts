// What differs between two stored deliveries: the payload key by key (a dotted path per change,
// so a redelivery against its original or one type's two versions reads as a short list), and
// the headers name by name. Bounded, so two huge payloads still make a page of reasonable size.

export const MAX_CHANGES = 500

export type ChangeKind = 'added' | 'removed' | 'changed'

export interface Change {
  /** `event_data.url`, `items[3].id`; `(payload)` for the whole value. */
  path: string
  kind: ChangeKind
  before?: unknown
  after?: unknown
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const join = (path: string, key: string | number) =>
  typeof key === 'number'
    ? `${path}[${key}]`
    : /^[A-Za-z_$][\w$-]*$/.test(key)
      ? path
        ? `${path}.${key}`
        : key
      : `${path}[${JSON.stringify(key)}]`

/** Changes from `a` to `b`, depth first in `a`'s key order, new keys of `b` after; at most `limit`. */
export function diffPayloads(a: unknown, b: unknown, limit = MAX_CHANGES) {
  const changes: Change[] = []
  let truncated = false
  const push = (change: Change) => {
    if (changes.length < limit) changes.push(change)
    else truncated = true
  }
  const walk = (x: unknown, y: unknown, path: string) => {
    if (truncated) return
    if (isObject(x) && isObject(y)) {
      for (const key of Object.keys(x)) {
        if (key in y) walk(x[key], y[key], join(path, key))
        else push({ path: join(path, key), kind: 'removed', before: x[key] })
      }
      for (const key of Object.keys(y))
        if (!(key in x)) push({ path: join(path, key), kind: 'added', after: y[key] })
      return
    }
    if (Array.isArray(x) && Array.isArray(y)) {
      const n = Math.max(x.length, y.length)
      for (let i = 0; i < n; i++) {
        if (i >= y.length) push({ path: join(path, i), kind: 'removed', before: x[i] })
        else if (i >= x.length) push({ path: join(path, i), kind: 'added', after: y[i] })
        else walk(x[i], y[i], join(path, i))
      }
      return
    }
    if (!Object.is(x, y) && JSON.stringify(x) !== JSON.stringify(y))
      push({ path: path || '(payload)', kind: 'changed', before: x, after: y })
  }
  walk(a, b, '')
  return { changes, truncated }
}

export interface HeaderChange {
  name: string
  kind: ChangeKind | 'same'
  before?: string
  after?: string
}

/** Header by header (names compared without case), changed ones first, then the same ones. */
export function diffHeaders(a: Record<string, string>, b: Record<string, string>): HeaderChange[] {
  const lower = (h: Record<string, string>) =>
    new Map(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]))
  const x = lower(a)
  const y = lower(b)
  const names = [...new Set([...x.keys(), ...y.keys()])].sort()
  const rows = names.map((name): HeaderChange => {
    const before = x.get(name)
    const after = y.get(name)
    if (before === undefined) return { name, kind: 'added', after }
    if (after === undefined) return { name, kind: 'removed', before }
    return { name, kind: before === after ? 'same' : 'changed', before, after }
  })
  return [...rows.filter((r) => r.kind !== 'same'), ...rows.filter((r) => r.kind === 'same')]
}
