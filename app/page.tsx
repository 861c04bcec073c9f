import { redirect } from 'next/navigation'
import { requireUser } from '@/lib/auth/current'

export default async function Home() {
  // Like every page, it checks the session itself: signed out, this goes to /login (or /setup).
  await requireUser()
  redirect('/konpro/endpoints')
}
