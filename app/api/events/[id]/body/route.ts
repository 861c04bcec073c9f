// Downloads one delivery's raw body exactly as received, never rendered inline.
// Also read by the command-line forwarder with a personal access token.
import { sessionForRoute } from '@/lib/auth/current'
import { getEventBody } from '@/lib/events/queries'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, ctx: RouteContext<'/api/events/[id]/body'>) {
  const session = await sessionForRoute(request, { accessToken: true })
  if (session instanceof Response) return session
  const { id } = await ctx.params
  if (!/^\d{1,15}$/.test(id)) return new Response('Not found', { status: 404 })
  const body = await getEventBody(session.db, Number(id))
  if (!body) return new Response('Not found', { status: 404 })
  return new Response(Buffer.from(body), {
    headers: {
      // Octet-stream plus attachment: the browser saves the bytes and never interprets them.
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="delivery-${id}.body"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  })
}
