import type { z } from 'zod'
import { ProviderError } from '../providers/error'

export type FieldErrors = Partial<Record<string, string[]>>

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; formError?: string; fieldErrors?: FieldErrors; kind?: string }

export const ok = <T>(data: T): ActionResult<T> => ({ ok: true, data })

export function invalid(error: z.ZodError): ActionResult<never> {
  const fieldErrors: FieldErrors = {}
  const formErrors: string[] = []
  for (const issue of error.issues) {
    const key = issue.path.join('.')
    if (key) (fieldErrors[key] ??= []).push(issue.message)
    else formErrors.push(issue.message)
  }
  return {
    ok: false,
    fieldErrors,
    ...(formErrors.length ? { formError: formErrors.join(' ') } : {}),
  }
}

/** Expected failures become results; anything else is rethrown to the error boundary. */
export function failed(error: unknown): ActionResult<never> {
  if (error instanceof ProviderError) {
    // A 400 is about the submitted URL or events more often than not: show it by the URL field too.
    return { ok: false, formError: error.message, kind: error.kind }
  }
  throw error
}
