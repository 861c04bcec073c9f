'use client'

import { TitledDialog } from '@/components/ui/titled-dialog'

const SHORTCUTS: [string[], string][] = [
  [['j', '↓'], 'Next delivery'],
  [['k', '↑'], 'Previous delivery'],
  [['Enter'], 'Open the focused delivery beside the list'],
  [['Esc'], 'Close the delivery'],
  [['/'], 'Search payloads'],
  [['?'], 'This list'],
]

export function ShortcutsHelp({
  open,
  onOpenChange,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  return (
    <TitledDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Keyboard shortcuts"
      description="They work anywhere in the event log except while typing in a field."
    >
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={what} className="contents">
            <dt className="flex gap-1">
              {keys.map((key) => (
                <kbd key={key} className="rounded border bg-muted px-1.5 py-0.5 font-mono text-xs">
                  {key}
                </kbd>
              ))}
            </dt>
            <dd className="text-muted-foreground">{what}</dd>
          </div>
        ))}
      </dl>
    </TitledDialog>
  )
}
