// Live log stream (Server-Sent Events); resumes after Last-Event-ID so a dropped connection loses nothing.
// Also read by the command-line forwarder with a personal access token.
import { sessionForRoute } from '@/lib/auth/current'
import { env } from '@/lib/env'
import { latestEventId } from '@/lib/events/queries'
import { eventStream } from '@/lib/events/stream'
import { limitStream } from '@/lib/events/stream-limit'
import { lastIdBefore } from '@/lib/forward/queries'

export const dynamic = 'force-dynamic'
// Vercel stops a function after its maximum duration; the stream ends itself before that
// (STREAM_MAX_SECONDS, default 280) and the browser resumes. A literal: Next reads it at build.
export const maxDuration = 300

export async function GET(req: Request) {
  const session = await sessionForRoute(req, { accessToken: true })
  if (session instanceof Response) return session
  const { db } = session
  const params = new URL(req.url).searchParams
  const resume = Number(req.headers.get('last-event-id') ?? params.get('after') ?? NaN)
  // `since=<ms>`: start with what arrived in the last <ms> milliseconds (the forwarder's --since 10m).
  const since = Number(params.get('since') ?? NaN)
  const after =
    Number.isInteger(resume) && resume >= 0
      ? resume
      : Number.isInteger(since) && since > 0
        ? await lastIdBefore(db, new Date(Date.now() - since))
        : await latestEventId(db)
  // Ending on schedule cancels the inner stream, which stops its reads and timers.
  const body = limitStream(eventStream(db, after, req.signal), {
    limitMs: env().STREAM_MAX_SECONDS * 1000,
    after,
  })
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
      // Where this stream starts, so a client that connected without an id can resume from here.
      'x-stream-after': String(after),
    },
  })
}
