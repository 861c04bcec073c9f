'use client'

import { useId, useState } from 'react'
import { ChevronDownIcon } from 'lucide-react'
import { cn } from '@/lib/utils'
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from './dropdown-menu'

export type MultiSelectOption = { value: string; label: string }

/**
 * Picks any number of values from a short list: a button naming the choice ("All event types",
 * the one chosen, "3 types") opens a menu of checkbox items that stays open while ticking.
 * The button is named by `label`, then by what it shows, so `getByLabel(label)` finds it.
 */
export function MultiSelect({
  label,
  options,
  value,
  onChange,
  allLabel,
  countLabel,
  disabled,
  className,
}: {
  label: string
  options: readonly MultiSelectOption[]
  value: readonly string[]
  onChange: (next: string[]) => void
  /** Shown when nothing is picked, which means "no restriction". */
  allLabel: string
  /** Shown when several are picked: `(n) => \`${n} types\``. */
  countLabel: (count: number) => string
  disabled?: boolean
  className?: string
}) {
  const id = useId()
  // Ticks apply at once, while the URL they produce may still be on its way: each tick builds on
  // the previous one rather than on a `value` that has not caught up yet.
  const [picked, setPicked] = useState<readonly string[]>(value)
  const [seen, setSeen] = useState(value.join(','))
  if (seen !== value.join(',')) {
    setSeen(value.join(','))
    setPicked(value)
  }
  const toggle = (option: string, on: boolean) => {
    // Kept in the options' order, so the same choice always gives the same URL.
    const next = options.map((o) => o.value).filter((v) => (v === option ? on : picked.includes(v)))
    setPicked(next)
    onChange(next)
  }
  const shown =
    picked.length === 0
      ? allLabel
      : picked.length === 1
        ? (options.find((o) => o.value === picked[0])?.label ?? picked[0])
        : countLabel(picked.length)

  return (
    <DropdownMenu modal={false}>
      <span id={`${id}-label`} className="sr-only">
        {label}
      </span>
      <DropdownMenuTrigger
        disabled={disabled}
        aria-labelledby={`${id}-label ${id}-value`}
        className={cn(
          'flex h-9 w-full min-w-0 items-center justify-between gap-2 rounded-md border border-input bg-card px-2.5 text-left text-sm shadow-sm disabled:opacity-50 data-[state=open]:ring-2 data-[state=open]:ring-ring sm:w-auto sm:max-w-52',
          className,
        )}
      >
        <span id={`${id}-value`} className={cn('min-w-0 truncate', picked.length && 'font-medium')}>
          {shown}
        </span>
        <ChevronDownIcon className="size-4 shrink-0 opacity-60" aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" aria-labelledby={`${id}-label`}>
        {options.map((o) => (
          <DropdownMenuCheckboxItem
            key={o.value}
            checked={picked.includes(o.value)}
            // The menu stays open, so several can be ticked in one go.
            onSelect={(e) => e.preventDefault()}
            onCheckedChange={(on) => toggle(o.value, on === true)}
          >
            <span className="min-w-0 truncate">{o.label}</span>
          </DropdownMenuCheckboxItem>
        ))}
        {picked.length > 0 ? (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem
              onSelect={() => {
                setPicked([])
                onChange([])
              }}
            >
              {allLabel}
            </DropdownMenuItem>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  )
}
