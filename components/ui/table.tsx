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

/**
 * One column of a DataTable: its header, and the cell it draws for a row. `className` styles the
 * header cell, `cellClassName` the body cells.
 */
export type TableColumn<Row> = {
  label: React.ReactNode
  className?: string
  cellClassName?: string
  cell: (row: Row) => React.ReactNode
}

/** The column of row buttons: named for screen readers, blank on screen. */
export function actionsColumn<Row>(
  cell: (row: Row) => React.ReactNode,
  className?: string,
): TableColumn<Row> {
  return {
    label: <span className="sr-only">Actions</span>,
    className,
    cellClassName: 'text-right',
    cell,
  }
}

// Most rows carry an `id`; those that do not pass their own `rowKey`.
const idKey = (row: unknown) => (row as { id: React.Key }).id

/** A table drawn from its columns: a header row, then one body row per item of `rows`. */
export function DataTable<Row>({
  columns,
  rows,
  rowKey = idKey,
  rowTestId,
  ...props
}: React.ComponentProps<typeof Table> & {
  columns: readonly TableColumn<Row>[]
  rows: readonly Row[]
  /** By default the row's own `id`. */
  rowKey?: (row: Row) => React.Key
  /** The `data-testid` of every body row, for the browser tests. */
  rowTestId?: string
}) {
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
      <TableBody>
        {rows.map((row) => (
          <TableRow key={rowKey(row)} data-testid={rowTestId}>
            {columns.map((column, i) => (
              <TableCell key={i} className={column.cellClassName}>
                {column.cell(row)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}

// Whole class names, so Tailwind finds them.
const SWITCH = {
  sm: { table: 'hidden sm:block', cards: 'divide-y sm:hidden' },
  md: { table: 'hidden md:block', cards: 'divide-y md:hidden' },
  lg: { table: 'hidden lg:block', cards: 'divide-y lg:hidden' },
}

/**
 * A list drawn as a table from the `wideFrom` breakpoint up and as one card per row below it,
 * both named `label`, in a TableFrame. Rows and cards are found by `${testId}-row` and `-card`.
 */
export function ResponsiveTable<Row>({
  wideFrom,
  label,
  testId,
  card,
  cardClassName = 'flex flex-col gap-2 p-4',
  tableClassName,
  ...table
}: Omit<React.ComponentProps<typeof DataTable<Row>>, 'className' | 'aria-label' | 'rowTestId'> & {
  wideFrom: keyof typeof SWITCH
  label: string
  testId: string
  card: (row: Row) => React.ReactNode
  cardClassName?: string
  tableClassName?: string
}) {
  const rowKey = table.rowKey ?? idKey
  return (
    <TableFrame>
      <div className={SWITCH[wideFrom].table}>
        <DataTable
          aria-label={label}
          className={tableClassName}
          rowTestId={`${testId}-row`}
          {...table}
        />
      </div>
      <ul className={SWITCH[wideFrom].cards} aria-label={label}>
        {table.rows.map((row) => (
          <li key={rowKey(row)} className={cardClassName} data-testid={`${testId}-card`}>
            {card(row)}
          </li>
        ))}
      </ul>
    </TableFrame>
  )
}
