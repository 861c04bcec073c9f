// Deliveries per interval for the /events chart, so it can refresh without reloading the page.
import { NextResponse, type NextRequest } from 'next/server'
import { userForRoute } from '@/lib/auth/current'
import { getDb } from '@/lib/db'
import { eventHistogram } from '@/lib/events/queries'
import { histogramRangeSchema, parseEventFilters } from '@/lib/validations/event-filters'

export const dynamic = 'force-dynamic'

export async function GET(request: NextRequest) {
  const user = await userForRoute(request)
  if (user instanceof Response) return user
  const params = request.nextUrl.searchParams
  const filters = parseEventFilters(params)
  const range = histogramRangeSchema.safeParse(params.get('range') ?? undefined)
  if (!filters.success || !range.success) return NextResponse.json({ error: 'Invalid query' }, { status: 400 })
  const histogram = await eventHistogram(await getDb(), { range: range.data, filters: filters.data })
  return NextResponse.json(histogram, { headers: { 'Cache-Control': 'no-store' } })
}
