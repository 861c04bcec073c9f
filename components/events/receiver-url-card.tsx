import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { CopyButton } from '@/components/copy-button'

/**
 * Where KonPro should deliver. Until it is registered this is a card that explains it; once it
 * is, a single line, so the log starts higher on the page.
 */
export function ReceiverUrlCard({
  url,
  collapsed,
  children,
}: {
  url: string
  collapsed?: boolean
  children?: React.ReactNode
}) {
  if (collapsed) {
    return (
      <section
        aria-label="This console's receiver"
        className="flex min-w-0 flex-wrap items-center gap-2 rounded-lg border bg-card px-3 py-2 shadow-sm"
        data-testid="receiver-bar"
      >
        <span className="text-xs font-medium text-muted-foreground">Receiver</span>
        <code
          className="min-w-0 flex-1 truncate font-mono text-xs"
          data-testid="receiver-url"
          title={url}
        >
          {url}
        </code>
        <div className="flex items-center gap-2">
          {children}
          <CopyButton value={url} label="Copy URL" size="icon" variant="ghost" className="size-7" />
        </div>
      </section>
    )
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle>This console&apos;s receiver</CardTitle>
        <CardDescription>
          Point a KonPro endpoint here and its deliveries show up in the live log.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <code
          className="min-w-0 flex-1 rounded-md border bg-muted px-3 py-2 font-mono text-sm break-all"
          data-testid="receiver-url"
        >
          {url}
        </code>
        <div className="flex flex-wrap items-center gap-2">
          <CopyButton value={url} label="Copy URL" />
          {children}
        </div>
      </CardContent>
    </Card>
  )
}
