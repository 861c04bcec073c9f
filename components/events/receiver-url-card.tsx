import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { CopyButton } from '@/components/copy-button'

export function ReceiverUrlCard({ url, children }: { url: string; children?: React.ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>This console&apos;s receiver</CardTitle>
        <CardDescription>Point a KonPro endpoint here and its deliveries show up in the live log.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <code className="min-w-0 flex-1 rounded-md border bg-muted px-3 py-2 font-mono text-sm break-all" data-testid="receiver-url">
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
