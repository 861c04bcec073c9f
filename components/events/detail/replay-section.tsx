import { DetailSection } from '@/components/events/detail/detail-section'
import { ReplayAttempts } from '@/components/events/detail/replay-attempts'
import { ReplayForm } from '@/components/events/detail/replay-form'
import { requireSession } from '@/lib/auth/current'
import { loadEndpoints } from '@/lib/providers/konpro/endpoints'
import { listReplayAttempts } from '@/lib/replay/replay'

/** The replay piece of a delivery's detail: "Send again to…" for admins, and every attempt so far. */
export async function ReplaySection({ eventId, provider }: { eventId: number; provider: string }) {
  const { user, db } = await requireSession()
  const attempts = await listReplayAttempts(db, eventId)
  const isAdmin = user.role === 'admin'
  const endpoints = isAdmin && provider === 'konpro' ? await loadEndpoints() : null
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
            canResign={provider === 'konpro'}
            endpoints={endpoints?.ok ? endpoints.data.map((e) => ({ id: e.id, url: e.url })) : []}
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
