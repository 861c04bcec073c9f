import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { SignInForm } from '@/components/auth/sign-in-form'
import { currentUser } from '@/lib/auth/current'
import { safeNextPath } from '@/lib/auth/next-path'
import { hasUsers } from '@/lib/auth/users'
import { getDb } from '@/lib/db'

export const metadata: Metadata = { title: 'Sign in' }

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>
}) {
  if (!(await hasUsers(await getDb()))) redirect('/setup')
  // Only pages of this console: an open redirect after sign-in would help phishing.
  const next = (await searchParams).next
  const safeNext = safeNextPath(typeof next === 'string' ? next : undefined)
  if (await currentUser()) redirect(safeNext)
  return (
    <>
      <h1 className="text-xl font-semibold">Sign in</h1>
      <p className="mt-1 mb-6 text-sm text-muted-foreground">
        to manage this team’s KonPro webhooks.
      </p>
      <SignInForm next={safeNext} />
    </>
  )
}
