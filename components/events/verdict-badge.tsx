import {
  RepeatIcon,
  ShieldAlertIcon,
  ShieldCheckIcon,
  ShieldOffIcon,
  ShieldQuestionIcon,
  BanIcon,
} from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { PARSE_STATUS_NOTES, VERDICT_LABELS } from '@/lib/events/format'
import type { ParseStatus, Verdict } from '@/lib/events/types'

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

export function VerdictBadge({
  verdict,
  parseStatus = 'ok',
}: {
  verdict: Verdict
  /** A body that is not usable JSON is said in the badge itself ("Verified · not JSON"). */
  parseStatus?: ParseStatus
}) {
  const Icon = icons[verdict]
  const note = parseStatus === 'ok' ? null : PARSE_STATUS_NOTES[parseStatus]
  return (
    <Badge
      variant={note && verdict === 'verified' ? 'warning' : variants[verdict]}
      data-verdict={verdict}
      data-parse-status={parseStatus}
      title={note ? `${VERDICT_LABELS[verdict]}, but the body is ${note}` : undefined}
    >
      <Icon className="size-3" aria-hidden />
      {VERDICT_LABELS[verdict]}
      {note ? ` · ${note}` : null}
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

/** A delivery's verdict badge and its markers, as the list, the pane and the page show them. */
export function DeliveryBadges({
  event,
}: {
  event: {
    verdict: Verdict
    parseStatus: ParseStatus
    rejected: boolean
    duplicateOf: number | null
    responseStatus: number
  }
}) {
  return (
    <>
      <VerdictBadge verdict={event.verdict} parseStatus={event.parseStatus} />
      <DeliveryMarkers
        rejected={event.rejected}
        duplicateOf={event.duplicateOf}
        status={event.responseStatus}
      />
    </>
  )
}
