import type { Metadata } from 'next'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { getDatabase } from '@/lib/db'
import { env } from '@/lib/env'
import { requireUser } from '@/lib/auth/current'
import { isSandbox } from '@/lib/konpro/mode'
import { getReceiverPolicy } from '@/lib/webhooks/policy'
import { receiverUrl } from '@/lib/webhooks/receiver-url'
import { ReceiverPolicyForm } from '@/components/settings/receiver-policy-form'
import { CopyButton } from '@/components/copy-button'

export const metadata: Metadata = { title: 'Settings' }

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:justify-between">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="min-w-0 text-sm font-medium break-all">{children}</dd>
    </div>
  )
}

export default async function SettingsPage() {
  const [user, { kind, db }, url] = await Promise.all([requireUser(), getDatabase(), receiverUrl()])
  const policy = await getReceiverPolicy(db, 0)
  const config = env()
  const sandbox = isSandbox()
  return (
    <>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>KonPro connection</CardTitle>
            <CardDescription>
              {sandbox
                ? 'No API key is configured, so endpoints are managed in the built-in sandbox.'
                : 'Endpoints are managed through the KonPro API with the key from the environment.'}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="divide-y">
              <Row label="Mode">{sandbox ? <Badge variant="warning">Sandbox</Badge> : <Badge variant="success">KonPro API</Badge>}</Row>
              <Row label="API base URL">{sandbox ? 'Built-in sandbox' : config.KONPRO_API_BASE_URL}</Row>
              <Row label="API key">{sandbox ? 'Not set (KONPRO_API_KEY)' : 'Set in the environment'}</Row>
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Storage</CardTitle>
            <CardDescription>Where endpoints&apos; sandbox state and every delivery are kept.</CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="divide-y">
              <Row label="Database">
                {kind === 'pglite' ? <Badge variant="muted">Embedded PGlite</Badge> : <Badge variant="success">PostgreSQL</Badge>}
              </Row>
              {kind === 'pglite' ? <Row label="Data directory">{config.DATA_DIR}</Row> : null}
              <Row label="Event retention">{config.EVENT_RETENTION_DAYS} days</Row>
              <Row label="Most deliveries kept">{config.EVENT_MAX_ROWS.toLocaleString('en')}</Row>
            </dl>
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Receiver</CardTitle>
            <CardDescription>Where KonPro delivers, and what the console accepts.</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-5">
            <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
              <code className="min-w-0 flex-1 rounded-md border bg-muted px-3 py-2 font-mono text-sm break-all">{url}</code>
              <CopyButton value={url} label="Copy URL" />
            </div>
            <ReceiverPolicyForm rejectUnsigned={policy.rejectUnsigned} canEdit={user.role === 'admin'} />
            <dl className="divide-y">
              <Row label="Largest accepted delivery">{Math.round(config.RECEIVER_MAX_BODY_BYTES / 1024)} KiB (RECEIVER_MAX_BODY_BYTES)</Row>
              <Row label="Per-address limit">{config.RECEIVER_RATE_LIMIT_PER_MINUTE.toLocaleString('en')} per minute</Row>
            </dl>
          </CardContent>
        </Card>
      </div>
    </>
  )
}
