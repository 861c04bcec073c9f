import Link from 'next/link'
import { WebhookIcon } from 'lucide-react'

export function Brand() {
  return (
    <Link
      href="/konpro/endpoints"
      className="flex items-center gap-2 rounded-md font-semibold tracking-tight"
    >
      <span className="grid size-7 place-items-center rounded-md bg-primary text-primary-foreground">
        <WebhookIcon className="size-4" aria-hidden />
      </span>
      <span>
        KonPro <span className="text-muted-foreground">Webhooks</span>
      </span>
    </Link>
  )
}
