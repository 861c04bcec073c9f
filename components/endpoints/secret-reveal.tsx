'use client'

import { useTransition } from 'react'
import { EyeIcon, EyeOffIcon } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { useHydrated } from '@/components/use-hydrated'
import { useRevealedSecret } from '@/components/use-revealed-secret'
import { CopyButton } from '@/components/copy-button'
import { revealSecretAction } from '@/app/(console)/konpro/endpoints/actions'

/** Masked by default; "Reveal" fetches this one secret from the server and masks it again after 30 s. */
export function SecretReveal({ endpointId, prefix }: { endpointId: string; prefix: string }) {
  const [secret, setSecret] = useRevealedSecret()
  const [pending, startTransition] = useTransition()
  const hydrated = useHydrated()

  const reveal = () =>
    startTransition(async () => {
      const result = await revealSecretAction(endpointId)
      if (result.ok) setSecret(result.data.secret)
      else toast.error(result.formError ?? 'The secret could not be revealed.')
    })

  return (
    <div className="flex min-w-0 items-center gap-1.5">
      <code
        className="min-w-0 truncate rounded bg-muted px-1.5 py-0.5 font-mono text-xs"
        data-testid="secret-value"
        title={secret ? 'Hidden again 30 s after revealing' : undefined}
      >
        {secret ?? `${prefix}••••••••••••`}
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
          onClick={reveal}
          disabled={pending || !hydrated}
          aria-label="Reveal secret"
        >
          <EyeIcon /> {pending ? 'Revealing…' : 'Reveal'}
        </Button>
      )}
    </div>
  )
}
