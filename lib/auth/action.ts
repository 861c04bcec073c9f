import 'server-only'
import type { z } from 'zod'
import { failed, invalid, type ActionResult } from '../actions/result'
import type { Actor } from '../audit'
import type { PublicUser } from './users'
import { authorize } from './current'

export type ActionContext = { user: PublicUser; actor: Actor }

/**
 * A server action is a public POST endpoint: whatever the page showed, each call checks the session
 * and role on the server, then validates its whole input with the action's zod schema, before the
 * handler runs. Provider failures become results; anything else goes to the error boundary.
 */
function guarded(role: 'viewer' | 'admin') {
  return <S extends z.ZodType, T>(schema: S, handler: (input: z.output<S>, ctx: ActionContext) => Promise<ActionResult<T>>) =>
    async (input: z.input<S>): Promise<ActionResult<T>> => {
      const auth = await authorize(role)
      if (!auth.ok) return auth.result
      const parsed = schema.safeParse(input)
      if (!parsed.success) return invalid(parsed.error)
      try {
        return await handler(parsed.data, { user: auth.user, actor: auth.actor })
      } catch (error) {
        return failed(error)
      }
    }
}

/** For actions any signed-in user may call. */
export const viewerAction = guarded('viewer')
/** For actions that change something or spend the team's API key. */
export const adminAction = guarded('admin')
