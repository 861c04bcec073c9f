import Link from 'next/link'
import { GitCompareIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'

/** Under the log once a row is ticked: two open their comparison, the older one as A. */
export function CompareBar({ picked, onClear }: { picked: number[]; onClear: () => void }) {
  if (picked.length === 0) return null
  const [a, b] = [Math.min(...picked), Math.max(...picked)]
  return (
    <div
      className="flex flex-wrap items-center justify-between gap-2 border-t bg-muted/40 px-4 py-2 text-sm"
      data-testid="compare-bar"
    >
      <span>
        {picked.length === 1
          ? `#${a} picked: tick one more delivery to compare.`
          : `#${a} and #${b} picked.`}
      </span>
      <span className="flex gap-2">
        <Button variant="ghost" size="sm" onClick={onClear}>
          Clear
        </Button>
        {picked.length === 2 ? (
          <Button size="sm" asChild>
            <Link href={`/events/compare?a=${a}&b=${b}`}>
              <GitCompareIcon /> Compare
            </Link>
          </Button>
        ) : null}
      </span>
    </div>
  )
}
