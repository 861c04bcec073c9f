// Every stored request header, signature headers first and marked, values wrapped not clipped.

const SIGNATURE_HINT = /signature|hmac|webhook-id|webhook-timestamp/i

export function HeadersTable({ headers }: { headers: Record<string, string> }) {
  const entries = Object.entries(headers).sort(([a], [b]) => {
    const sa = SIGNATURE_HINT.test(a) ? 0 : 1
    const sb = SIGNATURE_HINT.test(b) ? 0 : 1
    return sa - sb || a.localeCompare(b, 'en', { numeric: true })
  })
  if (entries.length === 0)
    return <p className="text-sm text-muted-foreground">No headers were stored.</p>
  return (
    // Focusable, so a keyboard can scroll a long list of headers too.
    <div
      role="region"
      aria-label="Request headers"
      tabIndex={0}
      className="max-h-[32rem] overflow-auto rounded-md border focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
    >
      <dl className="divide-y text-sm">
        {entries.map(([name, value]) => (
          <div
            key={name}
            className="grid gap-1 px-3 py-2 sm:grid-cols-[minmax(10rem,16rem)_1fr] sm:gap-4"
          >
            <dt className="flex items-start gap-2 font-mono text-xs font-medium break-all text-muted-foreground">
              {name}
              {SIGNATURE_HINT.test(name) ? (
                <span className="rounded bg-accent px-1 py-px font-sans text-[10px] tracking-wide text-accent-foreground uppercase">
                  sig
                </span>
              ) : null}
            </dt>
            <dd className="min-w-0 font-mono text-xs break-all whitespace-pre-wrap">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}
