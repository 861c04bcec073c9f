import 'server-only'
import { cache } from 'react'
import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import type { ActionResult } from '../actions/result'
import type { Actor } from '../audit'
import { browserHttps, clientAddress } from '../webhooks/client-address'
import { getDb } from '../db'
import type { Db } from '../db/client'
import {
  SESSION_COOKIE_NAMES,
  SESSION_IDLE_MS,
  sessionCookieName,
  userForSession,
} from './sessions'
import { bearerAccessToken, userForAccessToken } from '../tokens/tokens'
import { hasUsers, type PublicUser } from './users'

/** The caller's address (see clientAddress) and browser, for sessions and the audit log. */
export function clientMeta(h: Headers) {
  return { ip: clientAddress(h), userAgent: h.get('user-agent') }
}

export function isHttps(h: Headers) {
  return browserHttps(h)
}

export function sessionCookie(token: string, secure: boolean) {
  return {
    name: sessionCookieName(secure),
    value: token,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    path: '/',
    maxAge: SESSION_IDLE_MS / 1000,
  }
}

/** The session token this browser sent, under either cookie name. */
export async function sessionToken(): Promise<string | undefined> {
  const jar = await cookies()
  for (const name of SESSION_COOKIE_NAMES) {
    const value = jar.get(name)?.value
    if (value) return value
  }
  return undefined
}

/** The signed-in user for this request (memoised per render), or null. */
export const currentUser = cache(async (): Promise<PublicUser | null> => {
  return userForSession(await getDb(), await sessionToken())
})

declare const checked: unique symbol
/**
 * The database as handed out after a session check. The functions that read deliveries accept
 * only this type, so code that has not checked the session cannot call them: it does not compile.
 */
export type SessionDb = Db & { readonly [checked]: true }
export type Role = 'viewer' | 'admin'
export type Session = { user: PublicUser; db: SessionDb }

const sessionDb = (db: Db) => db as SessionDb

/**
 * For pages (and their metadata): the session, else off to /setup (no users yet) or /login; a
 * viewer asking for an admin page goes to `deniedTo` (the list the page belongs to, KonPro's
 * endpoints by default). Each page calls this itself, first: layouts do not run on a client
 * navigation's partial render, so they are not a boundary.
 */
export async function requireSession(
  role: Role = 'viewer',
  { deniedTo = '/konpro/endpoints' }: { deniedTo?: string } = {},
): Promise<Session> {
  const user = await currentUser()
  const db = await getDb()
  if (!user) redirect((await hasUsers(db)) ? '/login' : '/setup')
  // The address says why, so the list can explain instead of bouncing a viewer silently.
  if (role === 'admin' && user.role !== 'admin') redirect(`${deniedTo}?denied=admin`)
  return { user, db: sessionDb(db) }
}

export async function requireUser(): Promise<PublicUser> {
  return (await requireSession()).user
}

export async function requireAdmin(options?: { deniedTo?: string }): Promise<PublicUser> {
  return (await requireSession('admin', options)).user
}

export type Authorized =
  | { ok: true; user: PublicUser; actor: Actor; db: SessionDb }
  | { ok: false; result: ActionResult<never> }

/**
 * For server actions, which are public POST endpoints: checks the session (and role) on the
 * server every time, whatever the UI showed. Actions use it through lib/auth/action.ts.
 */
export async function authorize(role: Role = 'viewer'): Promise<Authorized> {
  const user = await currentUser()
  if (!user)
    return {
      ok: false,
      result: {
        ok: false,
        kind: 'unauthenticated',
        formError: 'Your session has ended. Sign in again.',
      },
    }
  if (role === 'admin' && user.role !== 'admin') {
    return {
      ok: false,
      result: {
        ok: false,
        kind: 'forbidden',
        formError: 'Only an admin can do this. Ask an admin of this console.',
      },
    }
  }
  const { ip } = clientMeta(await headers())
  return {
    ok: true,
    user,
    actor: { id: user.id, email: user.email, ip },
    db: sessionDb(await getDb()),
  }
}

/**
 * For route handlers: the session, or a 401 answer to send. Only the read-only routes the
 * command-line forwarder needs (the live stream, a delivery's detail and body) pass
 * `{ accessToken: true }` and so also accept `Authorization: Bearer kpt_…`; every other route,
 * page and action knows only the session cookie, so a token can never reach them.
 */
export async function sessionForRoute(
  req: Request,
  { accessToken = false }: { accessToken?: boolean } = {},
): Promise<Session | Response> {
  const db = await getDb()
  const bearer = accessToken ? bearerAccessToken(req.headers) : undefined
  if (bearer) {
    const user = await userForAccessToken(db, bearer)
    return user
      ? {
          user: { id: user.id, email: user.email, role: user.role, createdAt: user.createdAt },
          db: sessionDb(db),
        }
      : Response.json(
          {
            error:
              'This access token is unknown or was revoked. Create a new one under Settings → Access tokens.',
          },
          { status: 401 },
        )
  }
  const cookie = req.headers.get('cookie') ?? ''
  const token = SESSION_COOKIE_NAMES.map(
    (name) => new RegExp(`(?:^|;\\s*)${name}=([^;]+)`).exec(cookie)?.[1],
  ).find(Boolean)
  const user = await userForSession(db, token)
  return user
    ? { user, db: sessionDb(db) }
    : Response.json({ error: 'Sign in to use this API.' }, { status: 401 })
}
