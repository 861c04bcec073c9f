'use client'

import { useTransition } from 'react'
import { EyeIcon, EyeOffIcon, RefreshCwIcon } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { useHydrated } from '@/components/use-hydrated'
import { useRevealedSecret } from '@/components/use-revealed-secret'
import { CopyButton } from '@/components/copy-button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { kayleSecretAction } from '@/app/(console)/kayle/actions'

/** The signing secret: masked, revealed on demand for 30 s; rotation asks first and shows the new one. */
export function KayleSecret({ endpointId }: { endpointId: string }) {
  const [secret, setSecret] = useRevealedSecret()
  const [pending, start] = useTransition()
  const hydrated = useHydrated()

  const run = (mode: 'reveal' | 'rotate') =>
    start(async () => {
      const result = await kayleSecretAction({ id: endpointId, mode })
      if (!result.ok)
        return void toast.error(result.formError ?? 'Kayle did not return the secret.')
      setSecret(result.data.secret)
      if (mode === 'rotate')
        toast.success('Secret rotated. The receiver already verifies with the new one.')
    })

  return (
    <div className="flex min-w-0 flex-wrap items-center gap-1.5">
      <code
        className="min-w-0 truncate rounded bg-muted px-1.5 py-0.5 font-mono text-xs"
        data-testid="kayle-secret-value"
      >
        {secret ?? 'whsec_••••••••••••'}
      </code>
      {secret ? (
        <>
          <CopyButton value={secret} label="Copy secret" size="icon" />
          <Button
            variant="ghost"
            size="icon"
            aria-label="Hide secret"
            onClick={() => setSecret(null)}
          >
            <EyeOffIcon />
          </Button>
        </>
      ) : (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => run('reveal')}
          disabled={pending || !hydrated}
          aria-label="Reveal secret"
        >
          <EyeIcon /> Reveal
        </Button>
      )}
      <ConfirmDialog
        trigger={
          <Button variant="ghost" size="sm" disabled={pending || !hydrated}>
            <RefreshCwIcon /> Rotate
          </Button>
        }
        title="Rotate the signing secret?"
        description="Kayle signs every delivery from now on with a new secret. Anything else that verifies this endpoint’s deliveries with the old secret will reject them until it is given the new one."
        confirmLabel="Rotate secret"
        onConfirm={() => run('rotate')}
      />
    </div>
  )
}
