'use client'

import { DropdownMenu as MenuPrimitive } from 'radix-ui'
import { CheckIcon } from 'lucide-react'
import { cn } from '@/lib/utils'
import { styled } from './styled'

export const DropdownMenu = MenuPrimitive.Root
export const DropdownMenuTrigger = MenuPrimitive.Trigger
export const DropdownMenuGroup = MenuPrimitive.Group

const itemClass =
  'relative flex min-w-0 cursor-default items-center gap-2 rounded-sm px-2 py-1.5 text-sm outline-none select-none data-[disabled]:pointer-events-none data-[disabled]:opacity-50 data-[highlighted]:bg-muted [&_svg]:size-4 [&_svg]:shrink-0'

export function DropdownMenuContent({
  className,
  sideOffset = 4,
  ...props
}: React.ComponentProps<typeof MenuPrimitive.Content>) {
  return (
    <MenuPrimitive.Portal>
      <MenuPrimitive.Content
        sideOffset={sideOffset}
        collisionPadding={8}
        className={cn(
          // Never wider than the screen nor taller than the room below the trigger: long lists scroll.
          'z-50 max-h-(--radix-dropdown-menu-content-available-height) min-w-48 overflow-y-auto rounded-md border bg-card p-1 text-foreground shadow-md',
          'max-w-[calc(100vw-1rem)]',
          className,
        )}
        {...props}
      />
    </MenuPrimitive.Portal>
  )
}

export const DropdownMenuItem = styled(MenuPrimitive.Item, itemClass)

/** A choice that stays checked; the box is drawn here so every checkbox item looks the same. */
export function DropdownMenuCheckboxItem({
  className,
  children,
  ...props
}: React.ComponentProps<typeof MenuPrimitive.CheckboxItem>) {
  return (
    <MenuPrimitive.CheckboxItem className={cn(itemClass, 'pl-8', className)} {...props}>
      <span
        className="absolute left-2 flex size-4 items-center justify-center rounded-sm border border-input data-[state=checked]:border-primary data-[state=checked]:bg-primary data-[state=checked]:text-primary-foreground"
        data-state={props.checked === true ? 'checked' : 'unchecked'}
        aria-hidden
      >
        <MenuPrimitive.ItemIndicator>
          <CheckIcon className="size-3!" />
        </MenuPrimitive.ItemIndicator>
      </span>
      {children}
    </MenuPrimitive.CheckboxItem>
  )
}

export const DropdownMenuLabel = styled(
  MenuPrimitive.Label,
  'px-2 py-1.5 text-xs font-medium text-muted-foreground',
)

export const DropdownMenuSeparator = styled(MenuPrimitive.Separator, '-mx-1 my-1 h-px bg-border')
