import 'server-only'
import { KayleError } from '../kayle/errors'
import { KonproError } from '../konpro/errors'

export type Loaded<T> = { ok: true; data: T } | { ok: false; error: { kind: string; message: string; hint?: string } }

/** A provider's own failures (KonPro or Kayle) become a message the page shows; anything else is thrown. */
export async function load<T>(run: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await run() }
  } catch (error) {
    if (error instanceof KonproError || error instanceof KayleError) return { ok: false, error: { kind: error.kind, message: error.message, ...(error instanceof KayleError && error.hint ? { hint: error.hint } : {}) } }
    throw error
  }
}
