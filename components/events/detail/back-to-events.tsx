'use client'

import { useSyncExternalStore } from 'react'
import Link from 'next/link'
import { ArrowLeftIcon } from 'lucide-react'
import { recallListPlace } from '@/components/events/live/list-place'

const noSubscription = () => () => {}

/** "All events", back to the filters the log had when this delivery was opened from it. */
export function BackToEvents() {
  const search = useSyncExternalStore(
    noSubscription,
    () => recallListPlace()?.search ?? '',
    () => '',
  )
  return (
    <Link
      href={`/events${search}`}
      className="inline-flex w-fit items-center gap-1.5 text-sm text-muted-foreground hover:text-foreground"
    >
      <ArrowLeftIcon className="size-4" aria-hidden /> All events
    </Link>
  )
}
