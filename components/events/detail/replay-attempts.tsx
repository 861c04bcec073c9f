import { Badge } from '@/components/ui/badge'
import { LocalTime } from '@/components/relative-time'

export interface AttemptView {
  id: number
  url: string
  mode: string
  signedWith: string | null
  actorEmail: string | null
  status: number | null
  error: string | null
  responseHeaders: Record<string, string> | null
  responseBody: string | null
  latencyMs: number
  createdAt: string
}

const statusVariant = (status: number | null) =>
  status === null
    ? 'destructive'
    : status < 300
      ? 'success'
      : status < 500
        ? 'warning'
        : 'destructive'

/** Each "Send again" of this delivery and what came back, newest first. */
export function ReplayAttempts({ attempts }: { attempts: AttemptView[] }) {
  if (attempts.length === 0)
    return <p className="text-sm text-muted-foreground">Not sent again yet.</p>
  return (
    <ol aria-label="Attempts" className="flex flex-col gap-3">
      {attempts.map((a) => (
        <AttemptItem key={a.id} attempt={a} />
      ))}
    </ol>
  )
}

function AttemptItem({ attempt: a }: { attempt: AttemptView }) {
  return (
    <li data-testid="replay-attempt" className="min-w-0 rounded-md border p-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <Badge variant={statusVariant(a.status)}>{a.status ?? 'not sent'}</Badge>
        <span className="text-muted-foreground">{a.latencyMs} ms</span>
        <LocalTime
          className="text-muted-foreground"
          value={a.createdAt}
          data-testid="replay-attempt-at"
        />
      </div>
      <p className="mt-1 font-mono text-xs break-all">{a.url}</p>
      <p className="mt-1 text-xs text-muted-foreground">
        {a.mode === 'resigned' ? `Re-signed with endpoint ${a.signedWith}` : 'Original headers'}
        {a.actorEmail ? ` · by ${a.actorEmail}` : ''}
      </p>
      {a.error ? <p className="mt-1 text-xs break-words text-destructive">{a.error}</p> : null}
      {a.responseHeaders ? (
        <details className="mt-2">
          <summary className="cursor-pointer text-xs font-medium">Answer</summary>
          <pre className="mt-1 max-h-60 overflow-auto rounded bg-muted/40 p-2 font-mono text-xs break-all whitespace-pre-wrap">
            {Object.entries(a.responseHeaders)
              .map(([k, v]) => `${k}: ${v}`)
              .join('\n')}
            {a.responseBody ? `\n\n${a.responseBody}` : ''}
          </pre>
        </details>
      ) : null}
    </li>
  )
}
