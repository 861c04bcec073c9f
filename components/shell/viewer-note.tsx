import { LockIcon } from 'lucide-react'
import { cn } from '@/lib/utils'

/** Says, where an admin would see a control, that it is an admin's and what a viewer can do instead. */
export function ViewerNote({
  children,
  className,
}: {
  children: React.ReactNode
  className?: string
}) {
  return (
    <p
      data-testid="viewer-note"
      className={cn('flex items-center gap-1.5 text-xs text-muted-foreground', className)}
    >
      <LockIcon className="size-3.5 shrink-0" aria-hidden />
      <span>{children}</span>
    </p>
  )
}

/** Shown after a viewer opened an admin's page (lib/auth/current.ts sends them here with ?denied=admin). */
export function AdminOnlyNotice() {
  return (
    <div
      role="status"
      className="mb-6 flex items-start gap-2 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm"
    >
      <LockIcon className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
      <span>
        The page you opened is for admins only: creating or changing endpoints, managing users and
        reading the audit log need an admin of this console. As a viewer you can read endpoints
        (without secrets), the event log and the settings. Ask an admin if you need more.
      </span>
    </div>
  )
}
