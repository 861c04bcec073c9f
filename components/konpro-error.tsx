import Link from 'next/link'
import { AlertTriangleIcon, RotateCcwIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'

const titles: Record<string, string> = {
  unauthorized: 'KonPro did not accept the API key',
  timeout: 'KonPro is not answering',
  network: 'KonPro cannot be reached',
  rate_limited: 'KonPro asks to slow down',
  malformed: 'KonPro’s answer could not be read',
}

/** A KonPro failure shown in place of the data it prevented, with a way to try again. */
export function KonproErrorPanel({ error, retryHref }: { error: { kind: string; message: string }; retryHref: string }) {
  return (
    <div role="alert" className="flex flex-col gap-4 rounded-lg border border-destructive/40 bg-destructive/5 p-5 sm:flex-row sm:items-start">
      <AlertTriangleIcon className="size-5 shrink-0 text-destructive" aria-hidden />
      <div className="min-w-0 flex-1">
        <h2 className="font-semibold">{titles[error.kind] ?? 'KonPro could not complete the request'}</h2>
        <p className="mt-1 text-sm break-words text-muted-foreground">{error.message}</p>
      </div>
      <Button asChild variant="outline" size="sm">
        <Link href={retryHref} prefetch={false}>
          <RotateCcwIcon /> Try again
        </Link>
      </Button>
    </div>
  )
}
