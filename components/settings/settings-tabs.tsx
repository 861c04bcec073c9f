'use client'

import { usePathname } from 'next/navigation'
import { ActiveLink } from '@/components/ui/active-link'

const tabs = [
  { href: '/settings', label: 'Connection' },
  { href: '/settings/tokens', label: 'Access tokens' },
  { href: '/settings/users', label: 'Users', admin: true },
  { href: '/settings/audit', label: 'Audit log', admin: true },
]

export function SettingsTabs({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname()
  return (
    <nav aria-label="Settings" className="mb-6 flex gap-1 overflow-x-auto border-b">
      {tabs.map((t) =>
        t.admin && !isAdmin ? (
          // Shown, not hidden: a viewer learns the page exists and whose it is.
          <span
            key={t.href}
            aria-disabled="true"
            title="Only an admin can open this"
            className="-mb-px flex items-center gap-1.5 border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap text-muted-foreground"
          >
            {t.label}
            <span className="rounded-full border px-1.5 text-[0.65rem] leading-4">Admins only</span>
          </span>
        ) : (
          <ActiveLink
            key={t.href}
            href={t.href}
            active={pathname === t.href}
            className="-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap text-muted-foreground hover:text-foreground"
            activeClassName="border-primary text-foreground"
          >
            {t.label}
          </ActiveLink>
        ),
      )}
    </nav>
  )
}
