import { LogOutIcon } from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { signOutAction } from '@/app/(console)/actions'

export function UserMenu({ email, role }: { email: string; role: string }) {
  return (
    <div className="flex items-center gap-2">
      <span
        className="hidden max-w-48 truncate text-sm text-muted-foreground sm:inline"
        title={email}
      >
        {email}
      </span>
      <Badge variant="muted">{role === 'admin' ? 'Admin' : 'Viewer'}</Badge>
      <form action={signOutAction}>
        <Button type="submit" variant="ghost" size="icon" aria-label="Sign out" title="Sign out">
          <LogOutIcon />
        </Button>
      </form>
    </div>
  )
}
