'use client'

import { useTransition } from 'react'
import { EyeIcon, EyeOffIcon, RefreshCwIcon } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { useHydrated } from '@/components/use-hydrated'
import { useRevealedSecret } from '@/components/use-revealed-secret'
import { CopyButton } from '@/components/copy-button'
import type { ActionResult } from '@/lib/actions/result'
import { cn } from '@/lib/utils'

export type SecretMode = 'reveal' | 'rotate'

/**
 * An endpoint's signing secret, whichever provider holds it: masked by default, "Reveal" fetches
 * this one secret from the server and masks it again after 30 s. A provider that can rotate
 * passes `rotate`, and the new secret shows once the confirmation is accepted.
 */
export function SecretField({
  masked,
  fetchSecret,
  failure,
  rotate,
  testId = 'secret-value',
}: {
  /** What shows while hidden: the secret's known prefix and a mask. */
  masked: string
  fetchSecret: (mode: SecretMode) => Promise<ActionResult<{ secret: string }>>
  /** Said when the server gives no reason. */
  failure: string
  rotate?: { description: string; done: string }
  testId?: string
}) {
  const [secret, setSecret] = useRevealedSecret()
  const [pending, startTransition] = useTransition()
  const hydrated = useHydrated()

  const run = (mode: SecretMode) =>
    startTransition(async () => {
      const result = await fetchSecret(mode)
      if (!result.ok) return void toast.error(result.formError ?? failure)
      setSecret(result.data.secret)
      if (mode === 'rotate' && rotate) toast.success(rotate.done)
    })

  return (
    <div className={cn('flex min-w-0 items-center gap-1.5', rotate && 'flex-wrap')}>
      <code
        className="min-w-0 truncate rounded bg-muted px-1.5 py-0.5 font-mono text-xs"
        data-testid={testId}
        title={secret ? 'Hidden again 30 s after revealing' : undefined}
      >
        {secret ?? masked}
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
          <EyeIcon /> {pending ? 'Revealing…' : 'Reveal'}
        </Button>
      )}
      {rotate ? (
        <ConfirmDialog
          trigger={
            <Button variant="ghost" size="sm" disabled={pending || !hydrated}>
              <RefreshCwIcon /> Rotate
            </Button>
          }
          title="Rotate the signing secret?"
          description={rotate.description}
          confirmLabel="Rotate secret"
          onConfirm={() => run('rotate')}
        />
      ) : null}
    </div>
  )
}
