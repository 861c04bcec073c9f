// Live log stream (Server-Sent Events); resumes after Last-Event-ID so a dropped connection loses nothing.
// Also read by the command-line forwarder with a personal access token. Under server.mjs the
// fast path (lib/fast-path.ts) serves the same stream without Next's router; this handler is
// what `next start` and Vercel run.
import { eventStream } from '@/lib/events/stream'
import { openStream } from '@/lib/events/stream-open'

export const dynamic = 'force-dynamic'
// Vercel stops a function after its maximum duration; the stream ends itself before that
// (STREAM_MAX_SECONDS, default 280) and the browser resumes. A literal: Next reads it at build.
export const maxDuration = 300

export async function GET(req: Request) {
  const opened = await openStream(req)
  if (opened instanceof Response) return opened
  // Ending on schedule stops the feed's reads and timers.
  const body = eventStream(opened.db, opened.after, req.signal, { limitMs: opened.limitMs })
  return new Response(body, { headers: opened.headers })
}
