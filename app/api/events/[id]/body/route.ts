// Downloads one delivery's raw body exactly as received, never rendered inline.
import { eq } from 'drizzle-orm'
import { getDb } from '@/lib/db'
import { events } from '@/lib/db/schema'
import { userForRoute } from '@/lib/auth/current'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, ctx: RouteContext<'/api/events/[id]/body'>) {
  const user = await userForRoute(request)
  if (user instanceof Response) return user
  const { id } = await ctx.params
  if (!/^\d{1,15}$/.test(id)) return new Response('Not found', { status: 404 })
  const db = await getDb()
  const [row] = await db.select({ body: events.body }).from(events).where(eq(events.id, Number(id))).limit(1)
  if (!row) return new Response('Not found', { status: 404 })
  return new Response(Buffer.from(row.body), {
    headers: {
      // Octet-stream plus attachment: the browser saves the bytes and never interprets them.
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="delivery-${id}.body"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  })
}
