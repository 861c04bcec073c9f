import { DownloadIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { filtersToSearchParams, type EventFilters } from '@/lib/validations/event-filters'

/** Plain download links: the export route streams the current view, so no JavaScript is needed. */
export function ExportButtons({ filters }: { filters: EventFilters }) {
  const href = (format: 'ndjson' | 'csv') =>
    `/api/events/export?${filtersToSearchParams(filters, { format })}`
  return (
    <>
      <Button variant="outline" size="sm" asChild>
        <a href={href('ndjson')} download>
          <DownloadIcon /> Export NDJSON
        </a>
      </Button>
      <Button variant="outline" size="sm" asChild>
        <a href={href('csv')} download>
          <DownloadIcon /> Export CSV
        </a>
      </Button>
    </>
  )
}
