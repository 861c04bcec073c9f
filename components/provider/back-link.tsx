import Link from 'next/link'
import { ArrowLeftIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { cn } from '@/lib/utils'

/** The way up from a provider's detail or form page, above its header. */
export function BackLink({
  href,
  children,
  className,
}: {
  href: string
  children: React.ReactNode
  className?: string
}) {
  return (
    <Button asChild variant="ghost" size="sm" className={cn('mb-4 -ml-2', className)}>
      <Link href={href}>
        <ArrowLeftIcon /> {children}
      </Link>
    </Button>
  )
}
