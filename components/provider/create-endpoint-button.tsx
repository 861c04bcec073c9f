import Link from 'next/link'
import { PlusIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'

/** A provider's endpoints list links to its new-endpoint form with this. */
export function CreateEndpointButton({ href }: { href: string }) {
  return (
    <Button asChild>
      <Link href={href}>
        <PlusIcon /> Create endpoint
      </Link>
    </Button>
  )
}
