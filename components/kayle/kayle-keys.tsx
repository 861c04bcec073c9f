'use client'

import { useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { KeyRoundIcon, PlusIcon, TriangleAlertIcon } from 'lucide-react'
import { toast } from 'sonner'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { useHydrated } from '@/components/use-hydrated'
import { RelativeTime } from '@/components/relative-time'
import type { KeyView } from '@/lib/providers/kayle/endpoints'
import { createKayleKeyAction, setKayleKeyActiveAction } from '@/app/(console)/kayle/actions'

/**
 * Encryption keys as Kayle lists them (its state is the one that counts), marked where this console
 * holds the private half. A new key replaces the active one: registered first, then the previous
 * one deactivated and kept, as Kayle's rotation guide says.
 */
export function KayleKeys({
  endpointId,
  keys,
  canEdit,
}: {
  endpointId: string
  keys: KeyView[]
  canEdit: boolean
}) {
  const router = useRouter()
  const [pending, start] = useTransition()
  const hydrated = useHydrated()
  const busy = pending || !hydrated
  const active = keys.filter((k) => k.active).length

  const create = () =>
    start(async () => {
      const result = await createKayleKeyAction(endpointId)
      if (!result.ok) {
        toast.error(active ? 'The key was not rotated' : 'No key was created', {
          description: result.formError,
        })
        return void router.refresh()
      }
      const { keyId, deactivated } = result.data
      toast.success(
        deactivated.length
          ? 'Key rotated: the new key is active'
          : 'Encryption key created and registered with Kayle',
        {
          description: deactivated.length
            ? `${keyId} is active; ${deactivated.join(', ')} deactivated and kept for older deliveries.`
            : keyId,
        },
      )
      router.refresh()
    })
  const setActive = (keyId: string, active: boolean) =>
    start(async () => {
      const result = await setKayleKeyActiveAction({ endpointId, keyId, active })
      if (!result.ok) {
        toast.error(active ? 'The key is still inactive' : 'The key is still active', {
          description: result.formError,
        })
        return void router.refresh()
      }
      const others = result.data?.deactivated ?? []
      toast.success(active ? 'Key reactivated' : 'Key deactivated', {
        description: others.length
          ? `${keyId}; ${others.join(', ')} deactivated so one key is active.`
          : keyId,
      })
      router.refresh()
    })

  return (
    <div className="flex flex-col gap-4">
      {active === 0 ? (
        <div
          role="alert"
          className="flex gap-3 rounded-md border border-destructive/50 bg-destructive/10 p-4 text-sm"
        >
          <TriangleAlertIcon className="size-5 shrink-0 text-destructive" aria-hidden />
          <div>
            <p className="font-semibold text-destructive">This endpoint receives nothing</p>
            <p className="mt-1">
              Kayle encrypts each delivery for an active key on the endpoint and sends nothing to an
              endpoint without one.
              {canEdit ? ' Create a key to start receiving.' : ' An admin can create one.'}
            </p>
          </div>
        </div>
      ) : null}
      {active > 1 ? (
        <p role="status" className="rounded-md border border-warning/50 bg-warning/10 p-3 text-sm">
          {active} keys are active. Kayle says only one should be: with more, which one it encrypts
          to is undefined. Deactivate the older ones.
        </p>
      ) : null}
      {keys.length ? (
        <ul className="divide-y rounded-md border" aria-label="Encryption keys">
          {keys.map((k) => (
            <li
              key={k.keyId}
              className="flex flex-wrap items-center gap-3 p-3 text-sm"
              data-testid="kayle-key-row"
            >
              {/* The id takes a line of its own on a phone, so it is not broken into a narrow column. */}
              <span className="flex min-w-0 basis-full items-center gap-3 sm:flex-1 sm:basis-0">
                <KeyRoundIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                <code className="min-w-0 font-mono text-xs break-all">{k.keyId}</code>
              </span>
              <Badge variant={k.active ? 'success' : 'muted'}>
                {k.active ? 'Active' : k.kayleId ? 'Inactive' : 'Not at Kayle'}
              </Badge>
              <span className="text-xs text-muted-foreground">
                created <RelativeTime value={k.createdAt} />
                {k.deactivatedAt && !k.active ? (
                  <>
                    {' '}
                    · deactivated <RelativeTime value={k.deactivatedAt} />
                  </>
                ) : null}
                {!k.held ? ' · private key not held by this console' : null}
              </span>
              {canEdit && k.held && k.kayleId ? (
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
            <PlusIcon /> {pending ? 'Working…' : active ? 'Rotate key' : 'Create key'}
          </Button>
        </div>
      ) : null}
    </div>
  )
}
