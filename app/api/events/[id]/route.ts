// One delivery as it was sent (method, headers, body bytes as base64), for the command-line
// forwarder and replays; a session cookie or a personal access token may read it.
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
  const { provider, receivedAt, method, eventType, headers, bodyBase64 } = event
  return Response.json({ id: event.id, provider, receivedAt, method, eventType, headers, bodyBase64 }, { headers: { 'cache-control': 'no-store' } })
}
