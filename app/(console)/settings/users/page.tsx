import type { Metadata } from 'next'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { AddUserForm } from '@/components/settings/add-user-form'
import { UsersTable } from '@/components/settings/users-table'
import { requireAdmin } from '@/lib/auth/current'
import { listUsers } from '@/lib/auth/users'
import { getDb } from '@/lib/db'

export const metadata: Metadata = { title: 'Users' }

export default async function UsersPage() {
  const me = await requireAdmin()
  const users = await listUsers(await getDb())
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Add a teammate</CardTitle>
          <CardDescription>
            Admins can change endpoints, reveal secrets and manage users. Viewers see endpoints
            (never secrets) and events.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <AddUserForm />
        </CardContent>
      </Card>
      <UsersTable
        users={users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() }))}
        meId={me.id}
      />
    </div>
  )
}
