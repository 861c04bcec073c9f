// One bounded chunk of a delivery's JSON tree, for the parts the detail page leaves out: the
// children of a folded node, the next entries of a wide one, the rest of a long string.
import { subtreeChunk } from '@/components/events/json-tree-model'
import { sessionForRoute } from '@/lib/auth/current'
import { payloadValue } from '@/lib/events/payload-value'
import { getEvent } from '@/lib/events/queries'

export const dynamic = 'force-dynamic'

// A path is at most as deep as the parser allows (lib/webhooks/parse.ts), one position a step.
const PATH = /^(?:\d{1,9}(?:\.\d{1,9}){0,299})?$/
const FROM = /^\d{1,9}$/

export async function GET(request: Request, ctx: RouteContext<'/api/events/[id]/tree'>) {
  const session = await sessionForRoute(request)
  if (session instanceof Response) return session
  const { id } = await ctx.params
  const query = new URL(request.url).searchParams
  const at = query.get('at') ?? ''
  const from = query.get('from') ?? '0'
  if (!/^\d{1,15}$/.test(id)) return Response.json({ error: 'No such delivery.' }, { status: 404 })
  if (!PATH.test(at) || !FROM.test(from))
    return Response.json(
      { error: 'Expected at=<positions separated by dots> and from=<number>.' },
      { status: 400 },
    )
  const event = await getEvent(session.db, Number(id))
  if (!event) return Response.json({ error: 'No such delivery.' }, { status: 404 })
  const value = payloadValue(event)
  const chunk =
    value === undefined
      ? null
      : subtreeChunk(value, at === '' ? [] : at.split('.').map(Number), Number(from))
  if (!chunk)
    return Response.json({ error: 'That part of the payload does not exist.' }, { status: 404 })
  return Response.json(chunk, { headers: { 'Cache-Control': 'no-store' } })
}
