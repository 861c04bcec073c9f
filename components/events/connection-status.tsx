import { cn } from '@/lib/utils'
import { POLL_INTERVAL_MS, type ConnectionState } from './live/use-live-events'

const looks: Record<ConnectionState, { label: string; dot: string; hint: string }> = {
  connecting: { label: 'Connecting', dot: 'bg-muted-foreground', hint: 'Opening the live stream.' },
  live: { label: 'Live', dot: 'bg-success', hint: 'New deliveries stream in as they arrive.' },
  reconnecting: {
    label: 'Reconnecting',
    dot: 'bg-warning',
    hint: 'The stream dropped; missed deliveries are replayed on reconnect.',
  },
  polling: {
    label: 'Polling',
    dot: 'bg-primary',
    hint: `The live stream is unavailable; checking for new deliveries every ${POLL_INTERVAL_MS / 1000} s.`,
  },
}

export function ConnectionStatus({ state, paused }: { state: ConnectionState; paused: boolean }) {
  const look = looks[state]
  return (
    <span
      role="status"
      aria-live="polite"
      data-state={state}
      data-testid="connection-state"
      title={look.hint}
      className="inline-flex items-center gap-2 rounded-full border bg-card px-2.5 py-1 text-xs font-medium"
    >
      <span className="relative flex size-2">
        {state === 'live' && !paused ? (
          <span
            className={cn(
              'absolute inline-flex size-full animate-ping rounded-full opacity-60 motion-reduce:hidden',
              look.dot,
            )}
          />
        ) : null}
        <span className={cn('relative inline-flex size-2 rounded-full', look.dot)} />
      </span>
      {look.label}
      {paused ? <span className="text-muted-foreground">· paused</span> : null}
    </span>
  )
}
