'use client'

import { useState, useTransition } from 'react'
import { toast } from 'sonner'
import { Checkbox } from '@/components/ui/checkbox'
import { useHydrated } from '@/components/use-hydrated'
import { setReceiverPolicyAction } from '@/app/(console)/settings/actions'

/** Whether unsigned deliveries are answered 401 (still recorded) or accepted. */
export function ReceiverPolicyForm({
  rejectUnsigned,
  canEdit,
}: {
  rejectUnsigned: boolean
  canEdit: boolean
}) {
  const hydrated = useHydrated()
  const [value, setValue] = useState(rejectUnsigned)
  const [pending, startTransition] = useTransition()
  const change = (next: boolean) => {
    // Shown at once; put back if the server refuses.
    setValue(next)
    startTransition(async () => {
      const result = await setReceiverPolicyAction({ rejectUnsigned: next })
      if (result.ok)
        toast.success(
          next
            ? 'Unsigned deliveries are now refused with 401.'
            : 'Unsigned deliveries are now accepted.',
        )
      else {
        setValue(!next)
        toast.error(result.formError ?? 'The setting was not saved.')
      }
    })
  }
  return (
    <label className="flex items-start gap-3 text-sm">
      <Checkbox
        className="mt-0.5"
        checked={value}
        disabled={!canEdit || !hydrated || pending}
        onChange={(e) => change(e.target.checked)}
      />
      <span>
        <span className="block font-medium">Refuse unsigned deliveries</span>
        <span className="text-muted-foreground">
          Deliveries without a signature are answered 401 and still recorded, flagged as rejected,
          so you can see who is sending them. Invalid signatures are always refused.
        </span>
      </span>
    </label>
  )
}
