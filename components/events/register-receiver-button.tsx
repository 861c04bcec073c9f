'use client'

import { useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { RadioTowerIcon } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { createEndpointAction } from '@/app/(console)/konpro/endpoints/actions'

/** Creates a KonPro endpoint for every event, pointing at this console's receiver, in one click. */
export function RegisterReceiverButton({ url }: { url: string }) {
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const register = () =>
    startTransition(async () => {
      const result = await createEndpointAction({ url, events: [], entityId: '' })
      if (result.ok) {
        toast.success('Receiver registered', {
          description: `KonPro now sends every event to ${url}.`,
        })
        router.refresh()
      } else
        toast.error('The receiver was not registered', {
          description: result.formError ?? result.fieldErrors?.url?.[0],
        })
    })
  return (
    <Button onClick={register} disabled={pending}>
      <RadioTowerIcon /> {pending ? 'Registering…' : 'Register this receiver'}
    </Button>
  )
}
