'use client'

import { TitledDialog, type DialogOpenState } from '@/components/ui/titled-dialog'

const SHORTCUTS: [string[], string][] = [
  [['j', '↓'], 'Next delivery'],
  [['k', '↑'], 'Previous delivery'],
  [['Enter'], 'Open the focused delivery beside the list'],
  [['Esc'], 'Close the delivery'],
  [['/'], 'Search payloads'],
  [['?'], 'This list'],
]

function Key({ name }: { name: string }) {
  return <kbd className="rounded border bg-muted px-1.5 py-0.5 font-mono text-xs">{name}</kbd>
}

export function ShortcutsHelp({ open, onOpenChange }: DialogOpenState) {
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
                <Key key={key} name={key} />
              ))}
            </dt>
            <dd className="text-muted-foreground">{what}</dd>
          </div>
        ))}
      </dl>
    </TitledDialog>
  )
}
