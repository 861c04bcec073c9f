import { KeyRoundIcon } from 'lucide-react'
import { CopyButton } from '@/components/copy-button'

/** A secret just made (a password, a token), shown this once with a copy button and what next. */
export function OneTimeSecret({
  heading,
  value,
  copyLabel,
  testId,
  children,
}: {
  heading: React.ReactNode
  value: string
  copyLabel: string
  testId: string
  children: React.ReactNode
}) {
  return (
    <div
      role="status"
      className="flex min-w-0 flex-col gap-2 rounded-md border border-success/40 bg-success/10 p-4 text-sm"
    >
      <p className="flex items-center gap-2 font-medium">
        <KeyRoundIcon className="size-4 shrink-0" aria-hidden /> {heading}
      </p>
      <div className="flex min-w-0 items-center gap-2">
        <code
          className="min-w-0 rounded bg-card px-2 py-1 font-mono break-all"
          data-testid={testId}
        >
          {value}
        </code>
        <CopyButton value={value} label={copyLabel} />
      </div>
      <p className="text-muted-foreground">{children}</p>
    </div>
  )
}
