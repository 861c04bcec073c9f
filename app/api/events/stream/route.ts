// Live log stream (Server-Sent Events); resumes after Last-Event-ID so a dropped connection loses nothing.
import { sessionForRoute } from '@/lib/auth/current'
import { latestEventId } from '@/lib/events/queries'
import { eventStream } from '@/lib/events/stream'

export const dynamic = 'force-dynamic'

export async function GET(req: Request) {
  const session = await sessionForRoute(req)
  if (session instanceof Response) return session
  const { db } = session
  const resume = Number(req.headers.get('last-event-id') ?? new URL(req.url).searchParams.get('after') ?? NaN)
  const after = Number.isInteger(resume) && resume >= 0 ? resume : await latestEventId(db)
  return new Response(eventStream(db, after, req.signal), {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    },
  })
}
