import { Header } from '@/components/shell/header'
import { Sidebar } from '@/components/shell/sidebar'
import { requireUser } from '@/lib/auth/current'
import { isSandbox } from '@/lib/providers/konpro/mode'

// Every console page shows live data: render per request, never at build time.
export const dynamic = 'force-dynamic'

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser()
  return (
    <div className="flex min-h-dvh">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-card px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <Sidebar />
      <div className="flex min-w-0 flex-1 flex-col">
        <Header sandbox={await isSandbox()} user={user} />
        <main id="main" className="mx-auto w-full max-w-content flex-1 px-4 py-6 md:px-8 md:py-8">
          {children}
        </main>
      </div>
    </div>
  )
}
