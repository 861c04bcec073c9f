import { Skeleton, SkeletonGroup } from '@/components/ui/skeleton'

export default function EventsLoading() {
  return (
    <div role="status" aria-label="Loading events" className="flex flex-col gap-6">
      <SkeletonGroup bars={['mb-2 h-8 w-40', 'h-4 w-72 max-w-full']} />
      <Skeleton className="h-32 w-full rounded-lg" />
      <div className="rounded-lg border bg-card p-5">
        <Skeleton className="mb-4 h-5 w-48" />
        <div className="flex h-32 items-end gap-1">
          {Array.from({ length: 24 }, (_, i) => (
            <Skeleton key={i} className="flex-1" style={{ height: `${20 + ((i * 37) % 70)}%` }} />
          ))}
        </div>
      </div>
      <SkeletonGroup className="flex gap-2" bars={['h-9 flex-1', 'h-9 w-40', 'h-9 w-40']} />
      <div className="space-y-px overflow-hidden rounded-lg border bg-card">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="flex items-center gap-4 border-b px-4 py-3">
            <SkeletonGroup
              className="flex-1 space-y-2"
              bars={['h-4 w-64 max-w-full', 'h-3 w-80 max-w-full']}
            />
            <Skeleton className="h-3 w-16" />
          </div>
        ))}
      </div>
    </div>
  )
}
