import Link from 'next/link'
import { AlertTriangleIcon, RotateCcwIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'

const titles: Record<string, (provider: string) => string> = {
  unauthorized: (p) => `${p} did not accept the API key`,
  timeout: (p) => `${p} is not answering`,
  network: (p) => `${p} cannot be reached`,
  rate_limited: (p) => `${p} asks to slow down`,
  malformed: (p) => `${p}’s answer could not be read`,
}

/** A provider's failure shown in place of the data it prevented, with a way to try again. */
export function ProviderErrorPanel({
  error,
  retryHref,
  provider = 'KonPro',
}: {
  error: { kind: string; message: string; hint?: string }
  retryHref: string
  provider?: string
}) {
  return (
    <div
      role="alert"
      className="flex flex-col gap-4 rounded-lg border border-destructive/40 bg-destructive/5 p-5 sm:flex-row sm:items-start"
    >
      <AlertTriangleIcon className="size-5 shrink-0 text-destructive" aria-hidden />
      <div className="min-w-0 flex-1">
        <h2 className="font-semibold">
          {titles[error.kind]?.(provider) ?? `${provider} could not complete the request`}
        </h2>
        <p className="mt-1 text-sm break-words text-muted-foreground">{error.message}</p>
        {error.hint && !error.message.includes(error.hint) ? (
          <p className="mt-1 text-sm break-words">{error.hint}</p>
        ) : null}
      </div>
      <Button asChild variant="outline" size="sm">
        <Link href={retryHref} prefetch={false}>
          <RotateCcwIcon /> Try again
        </Link>
      </Button>
    </div>
  )
}
