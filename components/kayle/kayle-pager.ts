import { z } from 'zod'

// Kayle's lists page forward only (`starting_after` = the previous page's `next_cursor`). To go
// back, the URL carries the cursors of the pages before this one (`back`, comma-separated, the
// first page as an empty entry), so every page has its own address and a reload keeps the place.

const cursor = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/)
const MAX_DEPTH = 40

export const pagerParamsSchema = z.object({
  after: cursor.optional().catch(undefined),
  back: z
    .string()
    .max(MAX_DEPTH * 130)
    .optional()
    .catch(undefined)
    .transform((raw) => (raw === undefined ? [] : raw.split(',').slice(-MAX_DEPTH)))
    .pipe(z.array(z.union([z.literal(''), cursor])).catch([])),
})
export type PagerParams = z.output<typeof pagerParamsSchema>

function href(base: string, after: string | undefined, back: string[]): string {
  const search = new URLSearchParams()
  if (after) search.set('after', after)
  if (back.length) search.set('back', back.join(','))
  const text = search.toString()
  return text ? `${base}?${text}` : base
}

/** The addresses of the next and previous pages, or null where there is none. */
export function pagerLinks(base: string, { after, back }: PagerParams, nextCursor: string | null) {
  const previous = after ? href(base, back.at(-1) || undefined, back.slice(0, -1)) : null
  const next = nextCursor ? href(base, nextCursor, [...back, after ?? '']) : null
  return { previous, next, page: after ? back.length + 1 : 1 }
}
