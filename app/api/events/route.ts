// The live log's JSON API: `?after=<id>` polling (oldest first) and filtered keyset pages (`?before=`).
import { NextResponse, type NextRequest } from 'next/server'
import { listEvents, listEventsAfter } from '@/lib/events/queries'
import { parseEventListQuery } from '@/lib/validations/event-filters'
import { sessionForRoute } from '@/lib/auth/current'

export const dynamic = 'force-dynamic'

export async function GET(request: NextRequest) {
  const session = await sessionForRoute(request)
  if (session instanceof Response) return session
  const parsed = parseEventListQuery(request.nextUrl.searchParams)
  if (!parsed.success) {
    return NextResponse.json(
      {
        error: 'Invalid query',
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      },
      { status: 400 },
    )
  }
  const { filters, after, before, limit } = parsed.data
  const { db } = session
  const headers = { 'Cache-Control': 'no-store' }
  if (after !== undefined) {
    return NextResponse.json(
      { events: await listEventsAfter(db, { after, filters, limit }) },
      { headers },
    )
  }
  return NextResponse.json(await listEvents(db, { filters, before, limit }), { headers })
}
