// One delivery with its headers and body, for the split view beside the list on /events.
import { sessionForRoute } from '@/lib/auth/current'
import { getEvent } from '@/lib/events/queries'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, ctx: RouteContext<'/api/events/[id]'>) {
  const session = await sessionForRoute(request)
  if (session instanceof Response) return session
  const { id } = await ctx.params
  if (!/^\d{1,15}$/.test(id)) return Response.json({ error: 'Not found' }, { status: 404 })
  const event = await getEvent(session.db, Number(id))
  if (!event) return Response.json({ error: 'Not found' }, { status: 404 })
  return Response.json({ event }, { headers: { 'Cache-Control': 'no-store' } })
}
