import Link from 'next/link'
import { Badge } from '@/components/ui/badge'
import { MobileNav } from './mobile-nav'
import { ThemeToggle } from './theme-toggle'
import { UserMenu } from './user-menu'

export function Header({
  sandbox,
  user,
}: {
  sandbox: boolean
  user: { email: string; role: string }
}) {
  return (
    <header className="sticky top-0 z-40 flex h-14 items-center gap-3 border-b bg-background/85 px-4 backdrop-blur md:px-6">
      <MobileNav />
      {sandbox ? (
        <div className="flex min-w-0 items-center gap-2">
          <Badge variant="warning">Sandbox</Badge>
          {user.role === 'admin' ? (
            <p className="hidden truncate text-xs text-muted-foreground sm:block">
              Endpoints live in a built-in KonPro sandbox. Store an API key in{' '}
              <Link href="/settings" className="underline underline-offset-2 hover:text-foreground">
                Settings
              </Link>{' '}
              (or set <code className="font-mono">KONPRO_API_KEY</code>) to manage your real ones.
            </p>
          ) : (
            // A viewer cannot store a key: say who can, and what is open to them.
            <p
              className="hidden truncate text-xs text-muted-foreground sm:block"
              data-testid="viewer-note"
            >
              Endpoints live in a built-in KonPro sandbox until an admin connects a KonPro account.
              You can read them and watch the event log.
            </p>
          )}
        </div>
      ) : (
        <Badge variant="success">KonPro API</Badge>
      )}
      <div className="ml-auto flex items-center gap-1">
        <ThemeToggle />
        <UserMenu email={user.email} role={user.role} />
      </div>
    </header>
  )
}
