import type { Metadata } from 'next'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { TokensCreateForm } from '@/components/settings/tokens-create-form'
import { TokensTable } from '@/components/settings/tokens-table'
import { requireSession } from '@/lib/auth/current'
import { listAccessTokens } from '@/lib/tokens/tokens'

export const metadata: Metadata = { title: 'Access tokens' }

export default async function TokensPage() {
  const { user, db } = await requireSession()
  const tokens = await listAccessTokens(db, user.id)
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Create an access token</CardTitle>
          <CardDescription>
            A token lets <code className="font-mono">npx konpro-console forward</code> follow the
            live log and read delivery bodies as you. It can read nothing else and change nothing;
            revoke it here when the laptop or script no longer needs it.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <TokensCreateForm />
        </CardContent>
      </Card>
      <TokensTable
        tokens={tokens.map((t) => ({
          ...t,
          createdAt: t.createdAt.toISOString(),
          lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
        }))}
      />
    </div>
  )
}
