// Next loads instrumentation, each route and server.mjs in separate module graphs: a module-level
// `let` would exist once per graph. What must exist once per process lives on globalThis instead.

/** The globalThis key of a process singleton; server.mjs reads `fast-path` under the same name. */
const processKey = (name: string) => Symbol.for(`konpro-console.${name}`)

/**
 * The process's one `name`, made by `create` on first use. A value that changes over time is kept
 * in a holder object the singleton returns (`{ current }`), so callers never reassign the global.
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const store = globalThis as Record<symbol, unknown>
  const key = processKey(name)
  if (!(key in store)) store[key] = create()
  return store[key] as T
}
