'use client'

import { useState } from 'react'
import { usePathname } from 'next/navigation'
import { ActiveLink } from '@/components/ui/active-link'
import { defaultProvider, navItems, providerOf, providers, type Provider } from './nav-items'

/**
 * The provider switcher and that provider's pages. On a shared page (events, settings) the
 * provider last chosen stays selected, since the shell outlives navigations.
 */
export function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname()
  const [provider, setProvider] = useState<Provider>(providerOf(pathname) ?? defaultProvider)
  const [seen, setSeen] = useState(pathname)
  if (seen !== pathname) {
    setSeen(pathname)
    const owner = providerOf(pathname)
    if (owner && owner !== provider) setProvider(owner)
  }
  return (
    <div className="flex flex-col gap-4">
      <div
        role="group"
        aria-label="Provider"
        className="grid grid-cols-2 gap-1 rounded-lg bg-muted p-1"
      >
        {providers.map((p) => (
          <ActiveLink
            key={p.id}
            href={p.home}
            onClick={() => {
              setProvider(p.id)
              onNavigate?.()
            }}
            active={provider === p.id}
            current="true"
            className="rounded-md px-2 py-1.5 text-center text-xs font-medium text-muted-foreground transition-colors hover:text-foreground"
            activeClassName="bg-card text-foreground shadow-sm"
          >
            {p.label}
          </ActiveLink>
        ))}
      </div>
      <ul className="flex flex-col gap-1">
        {navItems[provider].map(({ href, label, icon: Icon }) => {
          const path = href.split('?')[0]!
          const active = pathname === path || pathname.startsWith(`${path}/`)
          return (
            <li key={href}>
              <ActiveLink
                href={href}
                onClick={onNavigate}
                active={active}
                className="flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-muted-foreground transition-colors hover:bg-muted hover:text-foreground"
                activeClassName="bg-accent text-accent-foreground hover:bg-accent hover:text-accent-foreground"
              >
                <Icon className="size-4" aria-hidden />
                {label}
              </ActiveLink>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
