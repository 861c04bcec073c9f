import { cn } from '@/lib/utils'

/** `scrollable`: the table may be wider than its frame, so the frame takes keyboard focus to scroll. */
export function Table({
  className,
  scrollable,
  ...props
}: React.ComponentProps<'table'> & { scrollable?: boolean }) {
  return (
    <div
      className="relative w-full overflow-x-auto focus-visible:outline-2 focus-visible:outline-ring"
      {...(scrollable
        ? {
            tabIndex: 0,
            role: 'region',
            'aria-label': `${props['aria-label'] ?? 'Table'}, scrolls sideways`,
          }
        : {})}
    >
      <table className={cn('w-full caption-bottom text-sm', className)} {...props} />
    </div>
  )
}
export function TableHeader(props: React.ComponentProps<'thead'>) {
  return <thead className="[&_tr]:border-b" {...props} />
}
export function TableBody(props: React.ComponentProps<'tbody'>) {
  return <tbody className="[&_tr:last-child]:border-0" {...props} />
}
export function TableRow({ className, ...props }: React.ComponentProps<'tr'>) {
  return <tr className={cn('border-b transition-colors hover:bg-muted/50', className)} {...props} />
}
export function TableHead({ className, ...props }: React.ComponentProps<'th'>) {
  return (
    <th
      className={cn(
        'h-10 px-3 text-left align-middle text-xs font-medium text-muted-foreground',
        className,
      )}
      {...props}
    />
  )
}
export function TableCell({ className, ...props }: React.ComponentProps<'td'>) {
  return <td className={cn('px-3 py-3 align-middle', className)} {...props} />
}

/** The card a list sits in: its table on wide screens and, where it has one, its phone layout. */
export function TableFrame({ className, ...props }: React.ComponentProps<'div'>) {
  return <div className={cn('rounded-lg border bg-card shadow-sm', className)} {...props} />
}

export type TableColumn = { label: React.ReactNode; className?: string }

/** The column of row buttons: named for screen readers, blank on screen. */
export const actionsColumn = (className?: string): TableColumn => ({
  label: <span className="sr-only">Actions</span>,
  className,
})

/** A table whose header row is drawn from `columns`; the children are its body rows. */
export function DataTable({
  columns,
  children,
  ...props
}: React.ComponentProps<typeof Table> & { columns: readonly TableColumn[] }) {
  return (
    <Table {...props}>
      <TableHeader>
        <TableRow>
          {columns.map((column, i) => (
            <TableHead key={i} className={column.className}>
              {column.label}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>{children}</TableBody>
    </Table>
  )
}
