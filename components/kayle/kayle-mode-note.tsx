import { Badge } from '@/components/ui/badge'

/** Which Kayle this page talks to: the built-in sandbox, or the real API. */
export function KayleModeNote({ sandbox }: { sandbox: boolean }) {
  return (
    <p className="mb-4 flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
      {sandbox ? (
        <Badge variant="warning">Kayle sandbox</Badge>
      ) : (
        <Badge variant="success">Kayle API</Badge>
      )}
      {sandbox ? (
        <span>
          Endpoints live in a built-in Kayle sandbox that encrypts and signs like Kayle. Set{' '}
          <code className="font-mono">KAYLE_API_KEY</code> to manage your real ones.
        </span>
      ) : null}
    </p>
  )
}
