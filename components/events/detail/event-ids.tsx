import { ExternalLinkIcon } from 'lucide-react'
import { IdRows } from '@/components/provider/id-rows'

// The identifiers and media links from `event_data`. Links are plain anchors to a new tab with
// no referrer or opener; nothing remote is fetched or embedded by this page.

const ID_FIELDS = [
  'video_id',
  'callback_id',
  'folder_id',
  'video_translate_id',
  'project_id',
] as const
const LINK_FIELDS = [
  ['url', 'Video'],
  ['gif_download_url', 'GIF'],
  ['video_share_page_url', 'Share page'],
] as const

function eventData(payload: unknown): Record<string, unknown> {
  if (payload && typeof payload === 'object' && 'event_data' in payload) {
    const data = (payload as { event_data: unknown }).event_data
    if (data && typeof data === 'object' && !Array.isArray(data))
      return data as Record<string, unknown>
  }
  return {}
}

function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null
  } catch {
    return null
  }
}

export function EventIds({ payload }: { payload: unknown }) {
  const data = eventData(payload)
  const ids = ID_FIELDS.flatMap((f) =>
    typeof data[f] === 'string' || typeof data[f] === 'number'
      ? [[f, String(data[f])] as const]
      : [],
  )
  const links = LINK_FIELDS.flatMap(([f, label]) =>
    data[f] !== undefined ? [[f, label, data[f]] as const] : [],
  )
  if (ids.length === 0 && links.length === 0) {
    return (
      <p className="text-sm text-muted-foreground">
        This delivery carries no <code className="font-mono">event_data</code> ids or links.
      </p>
    )
  }
  return (
    <dl className="grid gap-3 text-sm">
      <IdRows rows={ids} />
      {links.map(([field, label, raw]) => {
        const href = httpUrl(raw)
        return (
          <div key={field} className="grid gap-1">
            <dt className="font-mono text-xs text-muted-foreground">{field}</dt>
            <dd className="min-w-0">
              {href ? (
                <a
                  href={href}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="inline-flex max-w-full items-start gap-1.5 font-mono text-xs break-all text-primary underline-offset-4 hover:underline"
                >
                  <span className="sr-only">Open {label} in a new tab: </span>
                  {/* Signed media URLs run to thousands of characters; the link keeps all of them. */}
                  <span className="line-clamp-4" title={href}>
                    {href}
                  </span>
                  <ExternalLinkIcon className="mt-0.5 size-3.5 shrink-0" aria-hidden />
                </a>
              ) : (
                <span className="font-mono text-xs break-all text-muted-foreground">
                  {String(raw)} (not an http link)
                </span>
              )}
            </dd>
          </div>
        )
      })}
    </dl>
  )
}
