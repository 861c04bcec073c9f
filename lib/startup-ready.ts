import 'server-only'

import { processSingleton } from './runtime'

// Start-up's background work (migrations, the admin from the environment), shared by
// instrumentation and every route.
const work = () =>
  processSingleton('startup-ready', () => ({ current: undefined as Promise<void> | undefined }))

export function setStartupWork(started: Promise<void>) {
  work().current = started
}

/** Settles once start-up's background work is done (at once in a process that ran none). */
export function startupReady(): Promise<void> {
  return work().current ?? Promise.resolve()
}
