import {
  RepeatIcon,
  ShieldAlertIcon,
  ShieldCheckIcon,
  ShieldOffIcon,
  ShieldQuestionIcon,
  BanIcon,
} from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { VERDICT_LABELS } from '@/lib/events/format'
import type { Verdict } from '@/lib/events/types'

const variants = {
  verified: 'success',
  invalid: 'destructive',
  unsigned: 'warning',
  no_secret: 'muted',
} as const
const icons = {
  verified: ShieldCheckIcon,
  invalid: ShieldAlertIcon,
  unsigned: ShieldQuestionIcon,
  no_secret: ShieldOffIcon,
}

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const Icon = icons[verdict]
  return (
    <Badge variant={variants[verdict]} data-verdict={verdict}>
      <Icon className="size-3" aria-hidden />
      {VERDICT_LABELS[verdict]}
    </Badge>
  )
}

/** "Rejected" (the receiver refused it) and "Redelivery" (same content seen before) markers. */
export function DeliveryMarkers({
  rejected,
  duplicateOf,
  status,
}: {
  rejected: boolean
  duplicateOf: number | null
  status: number
}) {
  return (
    <>
      {rejected ? (
        <Badge variant="destructive" title={`The receiver answered ${status}`}>
          <BanIcon className="size-3" aria-hidden />
          Rejected
        </Badge>
      ) : null}
      {duplicateOf !== null ? (
        <Badge variant="outline" title={`Same delivery as #${duplicateOf}`}>
          <RepeatIcon className="size-3" aria-hidden />
          Redelivery
        </Badge>
      ) : null}
    </>
  )
}
