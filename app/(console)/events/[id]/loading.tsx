import { Skeleton, SkeletonGroup } from '@/components/ui/skeleton'

export default function EventDetailLoading() {
  return (
    <div role="status" aria-label="Loading delivery" className="flex flex-col gap-6">
      <Skeleton className="h-4 w-24" />
      <SkeletonGroup className="space-y-2" bars={['h-3 w-28', 'h-7 w-72 max-w-full', 'h-5 w-56']} />
      <SkeletonGroup
        className="grid gap-6 lg:grid-cols-[1fr_22rem]"
        bars={['h-96 rounded-lg', 'h-72 rounded-lg']}
      />
    </div>
  )
}
