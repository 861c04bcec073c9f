// Live log stream (Server-Sent Events); resumes after Last-Event-ID so a dropped connection loses nothing.
import { sessionForRoute } from '@/lib/auth/current'
import { env } from '@/lib/env'
import { latestEventId } from '@/lib/events/queries'
import { eventStream } from '@/lib/events/stream'
import { limitStream } from '@/lib/events/stream-limit'

export const dynamic = 'force-dynamic'
// Vercel stops a function after its maximum duration; the stream ends itself before that
// (STREAM_MAX_SECONDS, default 280) and the browser resumes. A literal: Next reads it at build.
export const maxDuration = 300

export async function GET(req: Request) {
  const session = await sessionForRoute(req)
  if (session instanceof Response) return session
  const { db } = session
  const resume = Number(req.headers.get('last-event-id') ?? new URL(req.url).searchParams.get('after') ?? NaN)
  const after = Number.isInteger(resume) && resume >= 0 ? resume : await latestEventId(db)
  // Ending on schedule cancels the inner stream, which stops its reads and timers.
  const body = limitStream(eventStream(db, after, req.signal), { limitMs: env().STREAM_MAX_SECONDS * 1000, after })
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    },
  })
}
