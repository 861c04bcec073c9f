'use client'

import { useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { KeyRoundIcon, PlusIcon, TriangleAlertIcon } from 'lucide-react'
import { toast } from 'sonner'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { useHydrated } from '@/components/use-hydrated'
import { RelativeTime } from '@/components/relative-time'
import { createKayleKeyAction, setKayleKeyActiveAction } from '@/app/(console)/kayle/actions'

export interface KeySummary {
  keyId: string
  active: boolean
  createdAt: string
  deactivatedAt: string | null
}

/** Encryption keys: the console makes the pair, registers the public half, keeps the private half sealed. */
export function KayleKeys({ endpointId, keys, canEdit }: { endpointId: string; keys: KeySummary[]; canEdit: boolean }) {
  const router = useRouter()
  const [pending, start] = useTransition()
  const hydrated = useHydrated()
  const busy = pending || !hydrated
  const active = keys.filter((k) => k.active).length

  const create = () =>
    start(async () => {
      const result = await createKayleKeyAction(endpointId)
      if (!result.ok) return void toast.error('No key was created', { description: result.formError })
      toast.success('Encryption key created and registered with Kayle', { description: result.data.keyId })
      router.refresh()
    })
  const setActive = (keyId: string, active: boolean) =>
    start(async () => {
      const result = await setKayleKeyActiveAction({ endpointId, keyId, active })
      if (!result.ok) return void toast.error(active ? 'The key is still inactive' : 'The key is still active', { description: result.formError })
      toast.success(active ? 'Key reactivated' : 'Key deactivated', { description: keyId })
      router.refresh()
    })

  return (
    <div className="flex flex-col gap-4">
      {active === 0 ? (
        <div role="alert" className="flex gap-3 rounded-md border border-destructive/50 bg-destructive/10 p-4 text-sm">
          <TriangleAlertIcon className="size-5 shrink-0 text-destructive" aria-hidden />
          <div>
            <p className="font-semibold text-destructive">This endpoint receives nothing</p>
            <p className="mt-1">
              Kayle encrypts each delivery for an active key on the endpoint and sends nothing to an endpoint without one.
              {canEdit ? ' Create a key to start receiving.' : ' An admin can create one.'}
            </p>
          </div>
        </div>
      ) : null}
      {keys.length ? (
        <ul className="divide-y rounded-md border" aria-label="Encryption keys">
          {keys.map((k) => (
            <li key={k.keyId} className="flex flex-wrap items-center gap-3 p-3 text-sm" data-testid="kayle-key-row">
              {/* The id takes a line of its own on a phone, so it is not broken into a narrow column. */}
              <span className="flex min-w-0 basis-full items-center gap-3 sm:flex-1 sm:basis-0">
                <KeyRoundIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                <code className="min-w-0 font-mono text-xs break-all">{k.keyId}</code>
              </span>
              <Badge variant={k.active ? 'success' : 'muted'}>{k.active ? 'Active' : 'Inactive'}</Badge>
              <span className="text-xs text-muted-foreground">
                created <RelativeTime value={k.createdAt} />
              </span>
              {canEdit ? (
                <Button
                  variant="outline"
                  size="sm"
                  disabled={busy}
                  onClick={() => setActive(k.keyId, !k.active)}
                  aria-label={`${k.active ? 'Deactivate' : 'Reactivate'} key ${k.keyId}`}
                >
                  {k.active ? 'Deactivate' : 'Reactivate'}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {canEdit ? (
        <div>
          <Button onClick={create} disabled={busy} variant={active ? 'outline' : 'default'}>
            <PlusIcon /> {pending ? 'Working…' : 'Create key'}
          </Button>
        </div>
      ) : null}
    </div>
  )
}
