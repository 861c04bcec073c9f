'use client'

import { useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { RotateCwIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { useHydrated } from '@/components/use-hydrated'

/**
 * A small "send again" button (replay, retry) that runs its action in a transition and then
 * refreshes the page, whose lists show the outcome. Inert until hydrated, so no click is lost.
 */
export function ActionButton({
  run,
  label,
  children,
}: {
  /** Runs the action and says how it went; the refresh follows either way. */
  run: () => Promise<void>
  /** The accessible name, naming what is acted on. */
  label: string
  children: React.ReactNode
}) {
  const router = useRouter()
  const [pending, start] = useTransition()
  const hydrated = useHydrated()
  const onClick = () =>
    start(async () => {
      await run()
      router.refresh()
    })
  return (
    <Button
      variant="outline"
      size="sm"
      disabled={pending || !hydrated}
      onClick={onClick}
      aria-label={label}
    >
      <RotateCwIcon /> {children}
    </Button>
  )
}
