import { DetailSection } from '@/components/events/detail/detail-section'
import { ReplayAttempts } from '@/components/events/detail/replay-attempts'
import { ReplayForm } from '@/components/events/detail/replay-form'
import { requireSession } from '@/lib/auth/current'
import { providerDefinition } from '@/lib/providers/registry'
import { listReplayAttempts } from '@/lib/replay/replay'

/** The replay piece of a delivery's detail: "Send again to…" for admins, and every attempt so far. */
export async function ReplaySection({ eventId, provider }: { eventId: number; provider: string }) {
  const { user, db } = await requireSession()
  const attempts = await listReplayAttempts(db, eventId)
  const isAdmin = user.role === 'admin'
  const { catalog, resign } = providerDefinition(provider)
  const endpoints = isAdmin && resign ? await resign.endpoints(db) : []
  return (
    <DetailSection
      id="replay-title"
      title="Send again"
      description="Re-send this delivery to a URL; each answer is kept here."
    >
      <div className="flex flex-col gap-5">
        {isAdmin ? (
          <ReplayForm
            eventId={eventId}
            canResign={!!resign}
            providerLabel={catalog.label}
            endpoints={endpoints}
          />
        ) : (
          <p className="text-sm text-muted-foreground">Only an admin can send a delivery again.</p>
        )}
        <ReplayAttempts
          attempts={attempts.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() }))}
        />
      </div>
    </DetailSection>
  )
}
