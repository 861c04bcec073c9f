import type { Metadata } from 'next'
import { Card, CardContent } from '@/components/ui/card'
import { PageHeader } from '@/components/page-header'
import { BackLink } from '@/components/provider/back-link'
import { KayleEndpointForm } from '@/components/kayle/kayle-endpoint-form'
import { requireAdmin } from '@/lib/auth/current'
import { KAYLE_RECEIVER_PATH, receiverUrl } from '@/lib/webhooks/receiver-url'

export const metadata: Metadata = { title: 'New Kayle endpoint' }

export default async function NewKayleEndpointPage() {
  // A viewer lands on the Kayle list, which says why.
  await requireAdmin({ deniedTo: '/kayle/endpoints' })
  const receiver = await receiverUrl(KAYLE_RECEIVER_PATH)
  return (
    <div className="max-w-3xl">
      <BackLink href="/kayle/endpoints">Kayle endpoints</BackLink>
      <PageHeader
        title="New Kayle endpoint"
        description="Kayle signs every delivery with the endpoint’s secret and encrypts it for the endpoint’s key."
      />
      <Card>
        <CardContent className="pt-5">
          <KayleEndpointForm receiverUrl={receiver} />
        </CardContent>
      </Card>
    </div>
  )
}
