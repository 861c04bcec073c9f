import { RelativeTime } from '@/components/relative-time'
import { cn } from '@/lib/utils'
import type { TableColumn } from './table'

/**
 * A DataTable column of relative times ("3 min ago"), muted and on one line. A row without a time
 * shows `empty`, or the dash RelativeTime draws; `future` for times meant to lie ahead.
 */
export function timeColumn<Row>(
  label: string,
  time: (row: Row) => string | null | undefined,
  { className, empty, future }: { className?: string; empty?: string; future?: boolean } = {},
): TableColumn<Row> {
  return {
    label,
    className,
    cellClassName: cn('whitespace-nowrap text-muted-foreground', className),
    cell: (row) => {
      const value = time(row)
      return !value && empty ? empty : <RelativeTime value={value || null} future={future} />
    },
  }
}
