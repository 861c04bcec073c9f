'use client'

import { useTransition } from 'react'
import { Trash2Icon } from 'lucide-react'
import { toast } from 'sonner'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table'
import { RelativeTime } from '@/components/relative-time'
import { changeRoleAction, removeUserAction } from '@/app/(console)/settings/users/actions'

interface Row {
  id: number
  email: string
  role: string
  createdAt: string
}

export function UsersTable({ users, meId }: { users: Row[]; meId: number }) {
  const [pending, startTransition] = useTransition()
  const run = (work: () => Promise<{ ok: boolean; formError?: string }>, success: string) =>
    startTransition(async () => {
      const result = await work()
      if (result.ok) toast.success(success)
      else toast.error(result.formError ?? 'That did not work.')
    })

  return (
    <div className="rounded-lg border bg-card shadow-sm">
      <Table aria-label="Users">
        <TableHeader>
          <TableRow>
            <TableHead>Email</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Added</TableHead>
            <TableHead className="sr-only">Actions</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {users.map((u) => (
            <TableRow key={u.id} data-testid="user-row">
              <TableCell className="font-medium break-all">
                {u.email} {u.id === meId ? <Badge variant="muted">You</Badge> : null}
              </TableCell>
              <TableCell>
                <select
                  aria-label={`Role of ${u.email}`}
                  className="h-8 rounded-md border border-input bg-card px-2 text-sm"
                  value={u.role}
                  disabled={pending}
                  onChange={(e) => run(() => changeRoleAction({ userId: u.id, role: e.target.value as 'admin' | 'viewer' }), `${u.email} is now ${e.target.value === 'admin' ? 'an admin' : 'a viewer'}.`)}
                >
                  <option value="admin">Admin</option>
                  <option value="viewer">Viewer</option>
                </select>
              </TableCell>
              <TableCell className="whitespace-nowrap text-muted-foreground">
                <RelativeTime value={u.createdAt} />
              </TableCell>
              <TableCell className="text-right">
                <Dialog>
                  <DialogTrigger asChild>
                    <Button variant="ghost" size="icon" aria-label={`Remove ${u.email}`} disabled={pending}>
                      <Trash2Icon />
                    </Button>
                  </DialogTrigger>
                  <DialogContent>
                    <DialogHeader>
                      <DialogTitle>Remove {u.email}?</DialogTitle>
                      <DialogDescription>They are signed out everywhere at once and can no longer sign in.</DialogDescription>
                    </DialogHeader>
                    <DialogFooter>
                      <DialogClose asChild>
                        <Button variant="outline">Cancel</Button>
                      </DialogClose>
                      <DialogClose asChild>
                        <Button variant="destructive" onClick={() => run(() => removeUserAction(u.id), `${u.email} was removed.`)}>
                          Remove user
                        </Button>
                      </DialogClose>
                    </DialogFooter>
                  </DialogContent>
                </Dialog>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  )
}
