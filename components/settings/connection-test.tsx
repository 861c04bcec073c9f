'use client'

import { useState, useTransition } from 'react'
import { PlugZapIcon } from 'lucide-react'
import { FormError, FormSuccess } from '@/components/ui/form-message'
import { Button } from '@/components/ui/button'
import { useHydrated } from '@/components/use-hydrated'
import { testConnectionAction } from '@/app/(console)/settings/actions'

/** "Test connection": lists endpoints with the key in use and says what happened, in place. */
export function ConnectionTest() {
  const hydrated = useHydrated()
  const [pending, start] = useTransition()
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null)
  const run = () =>
    start(async () => {
      setOutcome(null)
      const result = await testConnectionAction()
      setOutcome(
        result.ok
          ? { ok: true, message: result.data.message }
          : { ok: false, message: result.formError ?? 'The test failed.' },
      )
    })
  return (
    <div className="flex flex-col gap-3">
      <div>
        <Button type="button" variant="outline" onClick={run} disabled={pending || !hydrated}>
          <PlugZapIcon aria-hidden />
          {pending ? 'Testing…' : 'Test connection'}
        </Button>
      </div>
      <div aria-live="polite">
        {outcome?.ok ? (
          <FormSuccess message={outcome.message} />
        ) : (
          <FormError message={outcome?.message} />
        )}
      </div>
    </div>
  )
}
