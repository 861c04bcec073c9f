import type { Metadata } from 'next'
import Link from 'next/link'
import { ScrollTextIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Select } from '@/components/ui/select'
import { DataTable, TableFrame, type TableColumn } from '@/components/ui/table'
import { EmptyState } from '@/components/empty-state'
import { timeColumn } from '@/components/ui/time-column'
import { auditActions, listAudit } from '@/lib/audit'
import { requireAdmin } from '@/lib/auth/current'
import { getDb } from '@/lib/db'
import { auditFiltersSchema } from '@/lib/validations/auth'

export const metadata: Metadata = { title: 'Audit log' }

const PAGE = 100

type Entry = Awaited<ReturnType<typeof listAudit>>[number]

const COLUMNS: TableColumn<Entry>[] = [
  timeColumn('When', (e) => e.at.toISOString(), { className: 'sticky left-0 z-10 bg-card' }),
  {
    label: 'Who',
    cellClassName: 'whitespace-nowrap',
    cell: (e) => (
      <>
        <span>{e.actorEmail ?? '—'}</span>
        {e.ip ? (
          <span className="block font-mono text-xs text-muted-foreground">{e.ip}</span>
        ) : null}
      </>
    ),
  },
  { label: 'Action', cellClassName: 'font-mono text-xs', cell: (e) => e.action },
  {
    label: 'Target',
    cellClassName: 'max-w-48 font-mono text-xs break-all',
    cell: (e) => e.target ?? '—',
  },
  {
    label: 'Details',
    cellClassName: 'max-w-72 font-mono text-xs break-all text-muted-foreground',
    cell: (e) => (e.details ? JSON.stringify(e.details) : '—'),
  },
]

/** Read-only by design: nothing here edits or deletes entries. */
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>
}) {
  await requireAdmin()
  const params = await searchParams
  const filters = auditFiltersSchema.parse(params)
  const before = Number(params.before) || undefined
  const db = await getDb()
  const [entries, actions] = await Promise.all([
    listAudit(db, { ...filters, before }, PAGE),
    auditActions(db),
  ])
  const older =
    entries.length === PAGE
      ? new URLSearchParams({ ...filters, before: String(entries.at(-1)!.id) }).toString()
      : null

  return (
    <div className="flex flex-col gap-4">
      <form className="flex flex-col gap-2 sm:flex-row" action="/settings/audit">
        <Select name="action" defaultValue={filters.action} aria-label="Action" className="sm:w-64">
          <option value="">Any action</option>
          {actions.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </Select>
        <Input
          name="actor"
          defaultValue={filters.actor}
          aria-label="Who or from where"
          placeholder="Email or address"
          className="sm:max-w-xs"
        />
        <Button type="submit" variant="outline">
          Filter
        </Button>
      </form>
      {entries.length === 0 ? (
        <EmptyState icon={ScrollTextIcon} title="Nothing recorded here">
          {filters.action || filters.actor
            ? 'No entry matches these filters.'
            : 'Sign-ins and every change to endpoints, users and settings will be listed here.'}
        </EmptyState>
      ) : (
        <TableFrame>
          {/* Wide on purpose: on a phone it scrolls sideways inside its frame, "When" staying put. */}
          <DataTable
            aria-label="Audit log"
            className="min-w-[52rem]"
            scrollable
            columns={COLUMNS}
            rows={entries}
            rowTestId="audit-row"
          />
        </TableFrame>
      )}
      {older ? (
        <Button asChild variant="outline" className="self-start">
          <Link href={`/settings/audit?${older}`}>Older entries</Link>
        </Button>
      ) : null}
    </div>
  )
}
