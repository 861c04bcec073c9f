'use client'

import { useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { Trash2Icon } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { deleteEndpointAction } from '@/app/(console)/konpro/endpoints/actions'
import { DeleteEndpointDialog } from '@/components/provider/delete-endpoint-dialog'

export function EndpointDangerZone({ endpointId, url }: { endpointId: string; url: string }) {
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const remove = () =>
    startTransition(async () => {
      const result = await deleteEndpointAction(endpointId)
      if (result.ok || result.kind === 'not_found') {
        toast.success(result.ok ? 'Endpoint deleted' : 'That endpoint was already gone', {
          description: url,
        })
        router.push('/konpro/endpoints')
      } else toast.error('The endpoint was not deleted', { description: result.formError })
    })
  return (
    <Card className="border-destructive/40">
      <CardHeader>
        <CardTitle>Delete endpoint</CardTitle>
        <CardDescription>
          KonPro stops sending events here at once. This cannot be undone.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <DeleteEndpointDialog
          url={url}
          onConfirm={remove}
          trigger={
            <Button variant="destructive" disabled={pending}>
              <Trash2Icon /> {pending ? 'Deleting…' : 'Delete endpoint'}
            </Button>
          }
        />
      </CardContent>
    </Card>
  )
}
