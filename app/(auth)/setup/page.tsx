import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { SetupForm } from '@/components/auth/setup-form'
import { hasUsers } from '@/lib/auth/users'
import { getDb } from '@/lib/db'

export const metadata: Metadata = { title: 'Set up' }

export default async function SetupPage() {
  if (await hasUsers(await getDb())) redirect('/login')
  return (
    <>
      <h1 className="text-xl font-semibold">Create the first admin</h1>
      <p className="mt-1 mb-6 text-sm text-muted-foreground">
        This console has no users yet. The account you create here can add teammates later.
      </p>
      <SetupForm />
    </>
  )
}
