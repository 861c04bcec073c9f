import type { Metadata } from 'next'
import Link from 'next/link'
import { ArrowLeftIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Card, CardContent } from '@/components/ui/card'
import { PageHeader } from '@/components/page-header'
import { KayleEndpointForm } from '@/components/kayle/kayle-endpoint-form'
import { requireAdmin } from '@/lib/auth/current'
import { KAYLE_RECEIVER_PATH, receiverUrl } from '@/lib/webhooks/receiver-url'

export const metadata: Metadata = { title: 'New Kayle endpoint' }

export default async function NewKayleEndpointPage() {
  await requireAdmin()
  const receiver = await receiverUrl(KAYLE_RECEIVER_PATH)
  return (
    <div className="max-w-3xl">
      <Button asChild variant="ghost" size="sm" className="mb-4 -ml-2">
        <Link href="/kayle/endpoints">
          <ArrowLeftIcon /> Kayle endpoints
        </Link>
      </Button>
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
