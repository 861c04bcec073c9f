import 'server-only'
import { sessionForRoute, type SessionDb } from '../auth/current'
import { env } from '../env'
import { lastIdBefore } from '../forward/queries'
import { latestEventId } from './queries'

export const STREAM_PATH = '/api/events/stream'

export interface OpenedStream {
  db: SessionDb
  /** The id the stream starts after. */
  after: number
  limitMs: number
  headers: Record<string, string>
}

/**
 * Checks the caller (a session, or a personal access token for the command-line forwarder) and
 * where its stream starts: after Last-Event-ID (or `after=`), after what arrived before
 * `since=<ms>` ago (the forwarder's --since 10m), or after the newest row. Shared by the route
 * handler and server.mjs's fast path, so both answer alike.
 */
export async function openStream(req: Request): Promise<OpenedStream | Response> {
  const session = await sessionForRoute(req, { accessToken: true })
  if (session instanceof Response) return session
  const { db } = session
  const params = new URL(req.url).searchParams
  const resume = Number(req.headers.get('last-event-id') ?? params.get('after') ?? NaN)
  const since = Number(params.get('since') ?? NaN)
  const after =
    Number.isInteger(resume) && resume >= 0
      ? resume
      : Number.isInteger(since) && since > 0
        ? await lastIdBefore(db, new Date(Date.now() - since))
        : await latestEventId(db)
  return {
    db,
    after,
    limitMs: env().STREAM_MAX_SECONDS * 1000,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
      // Where this stream starts, so a client that connected without an id can resume from here.
      'x-stream-after': String(after),
    },
  }
}
