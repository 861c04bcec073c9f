// One delivery with its headers and body (bytes as base64): for the split view beside the list on
// /events, and for the command-line forwarder, which reads it with a personal access token.
import { sessionForRoute } from '@/lib/auth/current'
import { getEvent } from '@/lib/events/queries'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, ctx: RouteContext<'/api/events/[id]'>) {
  const session = await sessionForRoute(request, { accessToken: true })
  if (session instanceof Response) return session
  const { id } = await ctx.params
  if (!/^\d{1,15}$/.test(id)) return Response.json({ error: 'No such delivery.' }, { status: 404 })
  const event = await getEvent(session.db, Number(id))
  if (!event) return Response.json({ error: 'No such delivery.' }, { status: 404 })
  return Response.json({ event }, { headers: { 'cache-control': 'no-store' } })
}
