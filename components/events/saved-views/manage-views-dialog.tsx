'use client'

import { useState, useTransition } from 'react'
import { PencilIcon, Trash2Icon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { TitledDialog, type DialogOpenState } from '@/components/ui/titled-dialog'
import { eventsHref } from '@/lib/events/events-href'
import { FormError } from '@/components/ui/form-message'
import type { SavedViewListing } from '@/lib/events/saved-views'
import { deleteViewAction } from '@/app/(console)/events/saved-view-actions'
import { RenameViewForm } from './rename-view-form'

/** The user's views, each renamed in place or deleted after a confirmation. */
export function ManageViewsDialog({
  open,
  onOpenChange,
  views,
}: DialogOpenState & { views: SavedViewListing[] }) {
  const [renaming, setRenaming] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [deleting, startDelete] = useTransition()

  return (
    <TitledDialog
      open={open}
      onOpenChange={(next) => {
        setRenaming(null)
        setError(null)
        onOpenChange(next)
      }}
      title="Saved views"
      description="Your named filter sets. Only you see them."
    >
      {views.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          No saved views. Set some filters, then choose Save current filters….
        </p>
      ) : (
        <ul className="flex flex-col divide-y rounded-md border" aria-label="Your saved views">
          {views.map((view) => (
            <li key={view.id} className="flex min-w-0 flex-col gap-2 p-3" data-testid="saved-view">
              {renaming === view.id ? (
                <RenameViewForm view={view} onDone={() => setRenaming(null)} />
              ) : (
                <div className="flex min-w-0 items-center gap-2">
                  <div className="flex min-w-0 flex-1 flex-col">
                    <span className="truncate text-sm font-medium" title={view.name}>
                      {view.name}
                    </span>
                    <span className="truncate font-mono text-xs text-muted-foreground">
                      {eventsHref(view.query, '')}
                    </span>
                  </div>
                  <Button
                    variant="ghost"
                    size="icon"
                    aria-label={`Rename ${view.name}`}
                    onClick={() => setRenaming(view.id)}
                  >
                    <PencilIcon aria-hidden />
                  </Button>
                  <ConfirmDialog
                    trigger={
                      <Button
                        variant="ghost"
                        size="icon"
                        aria-label={`Delete ${view.name}`}
                        disabled={deleting}
                      >
                        <Trash2Icon aria-hidden />
                      </Button>
                    }
                    title={`Delete the view “${view.name}”?`}
                    description="The deliveries stay; only this saved filter set goes."
                    confirmLabel="Delete view"
                    onConfirm={() =>
                      startDelete(async () => {
                        setError(null)
                        const result = await deleteViewAction({ id: view.id })
                        if (!result.ok) setError(result.formError ?? 'The view was not deleted.')
                      })
                    }
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormError message={error} />
    </TitledDialog>
  )
}
