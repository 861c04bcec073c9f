import 'server-only'
import { ProviderError } from './error'

export type Loaded<T> =
  { ok: true; data: T } | { ok: false; error: { kind: string; message: string; hint?: string } }

/** A provider's own failures become a message the page shows; anything else is thrown. */
export async function load<T>(run: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await run() }
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error
    return {
      ok: false,
      error: {
        kind: error.kind,
        message: error.message,
        ...(error.hint ? { hint: error.hint } : {}),
      },
    }
  }
}
