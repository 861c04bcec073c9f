'use client'

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { DeleteEndpointButton } from '@/components/provider/delete-endpoint-button'
import { deleteEndpointAction } from '@/app/(console)/konpro/endpoints/actions'

export function EndpointDangerZone({ endpointId, url }: { endpointId: string; url: string }) {
  return (
    <Card className="border-destructive/40">
      <CardHeader>
        <CardTitle>Delete endpoint</CardTitle>
        <CardDescription>
          KonPro stops sending events here at once. This cannot be undone.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <DeleteEndpointButton
          url={url}
          provider="konpro"
          remove={() => deleteEndpointAction(endpointId)}
          deleted="Endpoint deleted"
        />
      </CardContent>
    </Card>
  )
}
