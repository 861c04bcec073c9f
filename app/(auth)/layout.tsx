import { Brand } from '@/components/shell/brand'

export const dynamic = 'force-dynamic'

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main
      id="main"
      className="flex min-h-dvh flex-col items-center justify-center gap-8 px-4 py-12"
    >
      <Brand />
      <div className="w-full max-w-sm rounded-lg border bg-card p-6 shadow-sm">{children}</div>
    </main>
  )
}
