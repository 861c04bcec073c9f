import 'server-only'

// Start-up's background work (migrations, the admin from the environment), shared through a
// global because instrumentation and each route load in separate module graphs.
const readyKey = Symbol.for('konpro-console.startup-ready')
type G = typeof globalThis & { [readyKey]?: Promise<void> }

export function setStartupWork(work: Promise<void>) {
  ;(globalThis as G)[readyKey] = work
}

/** Settles once start-up's background work is done (at once in a process that ran none). */
export function startupReady(): Promise<void> {
  return (globalThis as G)[readyKey] ?? Promise.resolve()
}
