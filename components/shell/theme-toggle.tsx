'use client'

import { useTheme } from 'next-themes'
import { MonitorIcon, MoonIcon, SunIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { useHydrated } from '@/components/use-hydrated'

const order = ['system', 'light', 'dark'] as const
const labels = { system: 'System theme', light: 'Light theme', dark: 'Dark theme' }
const icons = { system: MonitorIcon, light: SunIcon, dark: MoonIcon }

/** Cycles system → light → dark; next-themes keeps the choice in localStorage. */
export function ThemeToggle() {
  const { theme, setTheme } = useTheme()
  // The stored theme is only known in the browser; render the neutral icon on the server.
  const mounted = useHydrated()
  const current = mounted ? ((theme as (typeof order)[number] | undefined) ?? 'system') : 'system'
  const next = order[(order.indexOf(current) + 1) % order.length] ?? 'system'
  const Icon = icons[current]
  return (
    <Button
      variant="ghost"
      size="icon"
      onClick={() => setTheme(next)}
      aria-label={`${labels[current]} (switch to ${labels[next].toLowerCase()})`}
      title={labels[current]}
    >
      <Icon />
    </Button>
  )
}
