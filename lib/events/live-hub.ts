import 'server-only'
import { getDatabase } from '../db'
import { EVENTS_CHANNEL } from '../webhooks/writer'
import { listenForEvents } from './live-mode'

type Listener = () => void
const key = Symbol.for('konpro-console.live-hub')
type G = typeof globalThis & { [key]?: { listeners: Set<Listener>; started: Promise<void> | null } }

/**
 * One LISTEN per process, fanned out to every open stream. A notification only says "look";
 * streams read the rows themselves, so a lost notification costs latency, not data.
 */
export async function onNewEvents(listener: Listener): Promise<() => void> {
  const g = globalThis as G
  const hub = (g[key] ??= { listeners: new Set(), started: null })
  hub.listeners.add(listener)
  hub.started ??= getDatabase()
    .then((database) => listenForEvents(database, EVENTS_CHANNEL, () => hub.listeners.forEach((l) => l())))
    .then(() => undefined)
    .catch((error: unknown) => {
      // Streams fall back to their timed re-check; try LISTEN again on the next subscriber.
      console.error('Live updates: LISTEN failed; streams fall back to periodic checks.', error)
      hub.started = null
    })
  await hub.started
  return () => hub.listeners.delete(listener)
}
