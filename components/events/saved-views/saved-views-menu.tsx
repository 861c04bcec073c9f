'use client'

import { useState } from 'react'
import Link from 'next/link'
import {
  BookmarkIcon,
  BookmarkPlusIcon,
  CheckIcon,
  ChevronDownIcon,
  Settings2Icon,
} from 'lucide-react'
import { Button } from '@/components/ui/button'
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu'
import { useHydrated } from '@/components/use-hydrated'
import { eventsHref } from '@/lib/events/events-href'
import type { SavedViewListing } from '@/lib/events/saved-views'
import { ManageViewsDialog } from './manage-views-dialog'
import { SaveViewDialog } from './save-view-dialog'

/**
 * The user's saved views: open one (it is a link to its filters), save the current filters under
 * a name, or rename and delete them.
 */
export function SavedViewsMenu({ views, query }: { views: SavedViewListing[]; query: string }) {
  const hydrated = useHydrated()
  const [dialog, setDialog] = useState<'save' | 'manage' | null>(null)
  return (
    <>
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          {/* Icon only on a phone, where another row of buttons would push the log below the fold. */}
          <Button variant="outline" disabled={!hydrated} className="max-sm:gap-1 max-sm:px-2.5">
            <BookmarkIcon aria-hidden /> <span className="max-sm:sr-only">Saved views</span>
            <ChevronDownIcon aria-hidden className="opacity-60" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent
          align="end"
          className="w-72"
          // The dialog an item opens takes the focus; giving it back to the trigger would steal it.
          onCloseAutoFocus={(e) => {
            if (dialog) e.preventDefault()
          }}
        >
          <DropdownMenuLabel>Your saved views</DropdownMenuLabel>
          {views.length === 0 ? (
            <DropdownMenuItem disabled>None yet</DropdownMenuItem>
          ) : (
            views.map((view) => {
              const current = view.query === query
              return (
                <DropdownMenuItem key={view.id} asChild>
                  <Link
                    href={eventsHref(view.query)}
                    aria-current={current ? 'page' : undefined}
                    title={view.name}
                  >
                    <CheckIcon aria-hidden className={current ? '' : 'invisible'} />
                    <span className="min-w-0 truncate">{view.name}</span>
                  </Link>
                </DropdownMenuItem>
              )
            })
          )}
          <DropdownMenuSeparator />
          <DropdownMenuItem disabled={!query} onSelect={() => setDialog('save')}>
            <BookmarkPlusIcon aria-hidden />
            {query ? 'Save current filters…' : 'Set filters to save a view'}
          </DropdownMenuItem>
          {views.length > 0 ? (
            <DropdownMenuItem onSelect={() => setDialog('manage')}>
              <Settings2Icon aria-hidden /> Rename or delete…
            </DropdownMenuItem>
          ) : null}
        </DropdownMenuContent>
      </DropdownMenu>
      <SaveViewDialog
        key={query}
        open={dialog === 'save'}
        onOpenChange={(open) => setDialog(open ? 'save' : null)}
        query={query}
      />
      <ManageViewsDialog
        open={dialog === 'manage'}
        onOpenChange={(open) => setDialog(open ? 'manage' : null)}
        views={views}
      />
    </>
  )
}
