// Deliveries per interval for the /events chart, so it can refresh without reloading the page.
import { NextResponse, type NextRequest } from 'next/server'
import { sessionForRoute } from '@/lib/auth/current'
import { eventHistogram } from '@/lib/events/queries'
import { histogramRangeSchema, parseEventFilters } from '@/lib/validations/event-filters'

export const dynamic = 'force-dynamic'

export async function GET(request: NextRequest) {
  const session = await sessionForRoute(request)
  if (session instanceof Response) return session
  const params = request.nextUrl.searchParams
  const filters = parseEventFilters(params)
  const range = histogramRangeSchema.safeParse(params.get('range') ?? undefined)
  if (!filters.success || !range.success)
    return NextResponse.json({ error: 'Invalid query' }, { status: 400 })
  const histogram = await eventHistogram(session.db, { range: range.data, filters: filters.data })
  return NextResponse.json(histogram, { headers: { 'Cache-Control': 'no-store' } })
}
