// Streams the filtered log as an NDJSON or CSV download, read from the database page by page.
import { NextResponse, type NextRequest } from 'next/server'
import { csvHeader, csvRow, ndjsonRow } from '@/lib/events/export-format'
import { exportEvents } from '@/lib/events/queries'
import { parseEventFilters } from '@/lib/validations/event-filters'
import { sessionForRoute } from '@/lib/auth/current'

export const dynamic = 'force-dynamic'

const FORMATS = {
  ndjson: { type: 'application/x-ndjson; charset=utf-8', row: ndjsonRow, header: '' },
  csv: { type: 'text/csv; charset=utf-8', row: csvRow, header: csvHeader() },
} as const

export async function GET(request: NextRequest) {
  const session = await sessionForRoute(request)
  if (session instanceof Response) return session
  const params = request.nextUrl.searchParams
  const format = params.get('format') ?? 'ndjson'
  if (format !== 'ndjson' && format !== 'csv') {
    return NextResponse.json({ error: 'format must be ndjson or csv' }, { status: 400 })
  }
  const parsed = parseEventFilters(params)
  if (!parsed.success) {
    return NextResponse.json(
      { error: 'Invalid filters', issues: parsed.error.issues.map((i) => i.message) },
      { status: 400 },
    )
  }
  const { type, row, header } = FORMATS[format]
  const rows = exportEvents(session.db, parsed.data)
  const encoder = new TextEncoder()
  let started = false
  // Pull-based: the next page is read only when the client has taken the previous one.
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true
        if (header) controller.enqueue(encoder.encode(header))
      }
      let chunk = ''
      for (let i = 0; i < 100; i++) {
        const next = await rows.next()
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk))
          controller.close()
          return
        }
        chunk += row(next.value)
      }
      controller.enqueue(encoder.encode(chunk))
    },
    async cancel() {
      await rows.return(undefined)
    },
  })
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  return new Response(body, {
    headers: {
      'Content-Type': type,
      'Content-Disposition': `attachment; filename="konpro-events-${stamp}.${format}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
