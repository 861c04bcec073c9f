import 'server-only'
import { headers } from 'next/headers'
import type { z } from 'zod'
import { failed, invalid, type ActionResult } from '../actions/result'
import type { Actor } from '../audit'
import type { PublicUser } from './users'
import { authorize, type Role, type SessionDb } from './current'
import { actionOriginProblem } from './origin'

export type ActionContext = { user: PublicUser; actor: Actor; db: SessionDb }

/**
 * A server action is a public POST endpoint: whatever the page showed, each call checks where it
 * came from, the session and the role on the server, then validates its whole input with the
 * action's zod schema, before the handler runs. Actions take one argument (an object when they
 * need several values), so nothing reaches a handler unvalidated. Provider failures become
 * results; anything else goes to the error boundary.
 */
function guarded(role: Role) {
  return <S extends z.ZodType, T>(
    schema: S,
    handler: (input: z.output<S>, ctx: ActionContext) => Promise<ActionResult<T>>,
  ) =>
    (async (...args: unknown[]): Promise<ActionResult<T>> => {
      // proxy.ts already answers these with a 403; this holds where the proxy does not run.
      const problem = actionOriginProblem(await headers())
      if (problem) return { ok: false, kind: 'forbidden', formError: problem }
      const auth = await authorize(role)
      if (!auth.ok) return auth.result
      if (args.length > 1) return { ok: false, formError: 'This action takes one argument.' }
      const parsed = schema.safeParse(args[0])
      if (!parsed.success) return invalid(parsed.error)
      try {
        return await handler(parsed.data, { user: auth.user, actor: auth.actor, db: auth.db })
      } catch (error) {
        return failed(error)
      }
    }) as (input: z.input<S>) => Promise<ActionResult<T>>
}

/**
 * For first-run setup, which runs before any user exists (it checks that none does): the same
 * origin and input checks, no session or role.
 */
export function publicAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>) => Promise<ActionResult<T>>,
) {
  return (async (...args: unknown[]): Promise<ActionResult<T>> => {
    const problem = actionOriginProblem(await headers())
    if (problem) return { ok: false, kind: 'forbidden', formError: problem }
    if (args.length > 1) return { ok: false, formError: 'This action takes one argument.' }
    const parsed = schema.safeParse(args[0])
    if (!parsed.success) return invalid(parsed.error)
    return handler(parsed.data)
  }) as (input: z.input<S>) => Promise<ActionResult<T>>
}

/** For actions any signed-in user may call. */
export const viewerAction = guarded('viewer')
/** For actions that change something or spend the team's API key. */
export const adminAction = guarded('admin')
