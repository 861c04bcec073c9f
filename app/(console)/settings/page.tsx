import type { Metadata } from 'next'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { getDatabase } from '@/lib/db'
import { liveStatus } from '@/lib/events/live-mode'
import { env } from '@/lib/env'
import { requireUser } from '@/lib/auth/current'
import { konproConnection, type KonproConnection } from '@/lib/providers/konpro/connection'
import { listAllowedHosts } from '@/lib/net/allowed-hosts'
import { formatOutboundHost } from '@/lib/validations/outbound-host'
import { listAnswerRules } from '@/lib/webhooks/answer-rules'
import { getReceiverPolicy } from '@/lib/webhooks/policy'
import { getRetention } from '@/lib/webhooks/retention'
import { receiverUrl } from '@/lib/webhooks/receiver-url'
import { AnswerRuleCard } from '@/components/settings/answer-rule-card'
import { ApiKeyForm } from '@/components/settings/api-key-form'
import { ConnectionTest } from '@/components/settings/connection-test'
import { ReceiverPolicyForm } from '@/components/settings/receiver-policy-form'
import { RetentionForm } from '@/components/settings/retention-form'
import { AllowedHostsForm } from '@/components/settings/allowed-hosts-form'
import { CopyButton } from '@/components/copy-button'
import { PROVIDER_IDS } from '@/lib/providers/catalog'

export const metadata: Metadata = { title: 'Settings' }

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:justify-between">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="min-w-0 text-sm font-medium break-all">{children}</dd>
    </div>
  )
}

const CONNECTION: Record<
  KonproConnection['source'],
  { badge: React.ReactNode; description: string }
> = {
  sandbox: {
    badge: <Badge variant="warning">Sandbox</Badge>,
    description:
      'No API key is configured, so endpoints are managed in the built-in sandbox. Store a key below, or set KONPRO_API_KEY.',
  },
  env: {
    badge: <Badge variant="success">KonPro API</Badge>,
    description:
      'Endpoints are managed through the KonPro API with the key from KONPRO_API_KEY, which wins over a stored key.',
  },
  stored: {
    badge: <Badge variant="success">KonPro API</Badge>,
    description:
      'Endpoints are managed through the KonPro API with the key stored, encrypted, in this console.',
  },
  unreadable: {
    badge: <Badge variant="destructive">Key unreadable</Badge>,
    description:
      'The stored key can no longer be decrypted because AUTH_SECRET has changed. Store the key again.',
  },
}

function keyLine(connection: KonproConnection): string {
  if (connection.source === 'env')
    return `Set in the environment (KONPRO_API_KEY), ending …${connection.last4}`
  if (connection.source === 'stored') return `Stored in the console, ending …${connection.last4}`
  if (connection.source === 'unreadable') return 'Stored, but unreadable'
  return 'Not set'
}

export default async function SettingsPage() {
  const user = await requireUser()
  const [database, url] = await Promise.all([getDatabase(), receiverUrl()])
  const { kind, db } = database
  const [policy, retention, connection, live, allowedHosts, answerRules] = await Promise.all([
    getReceiverPolicy(db, 0),
    getRetention(db),
    konproConnection(db),
    liveStatus(database),
    listAllowedHosts(db),
    listAnswerRules(db),
  ])
  const ruleOf = (provider: string) => answerRules.find((r) => r.provider === provider) ?? null
  const config = env()
  const isAdmin = user.role === 'admin'
  const { badge, description } = CONNECTION[connection.source]
  return (
    <>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card role="region" aria-labelledby="konpro-connection">
          <CardHeader>
            <CardTitle id="konpro-connection">KonPro connection</CardTitle>
            <CardDescription>{description}</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-5">
            <dl className="divide-y">
              <Row label="Mode">{badge}</Row>
              <Row label="API base URL">
                {connection.source === 'sandbox' ? 'Built-in sandbox' : config.KONPRO_API_BASE_URL}
              </Row>
              <Row label="API key">{keyLine(connection)}</Row>
            </dl>
            {/* An outbound call with the team's key: admins only, as the action is. */}
            {isAdmin ? <ConnectionTest /> : null}
            {isAdmin && connection.source !== 'env' ? (
              <ApiKeyForm stored={connection.source !== 'sandbox'} />
            ) : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Storage</CardTitle>
            <CardDescription>Where every delivery is kept, and for how long.</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-5">
            <dl className="divide-y">
              <Row label="Database">
                {kind === 'embedded' ? (
                  <Badge variant="muted">Embedded PostgreSQL</Badge>
                ) : (
                  <Badge variant="success">PostgreSQL</Badge>
                )}
              </Row>
              {kind === 'embedded' ? <Row label="Data directory">{config.DATA_DIR}</Row> : null}
              <Row label="Live updates">
                {live.live === 'notify' ? (
                  <Badge variant="success">LISTEN/NOTIFY</Badge>
                ) : (
                  <Badge variant="warning">Polling every 2 s</Badge>
                )}
              </Row>
            </dl>
            <p className="text-xs text-muted-foreground" data-testid="live-reason">
              {live.reason}
            </p>
            <RetentionForm
              value={{ retentionDays: retention.retentionDays, maxRows: retention.maxRows }}
              canEdit={isAdmin}
            />
            <p className="text-xs text-muted-foreground">
              {retention.source === 'env'
                ? 'From EVENT_RETENTION_DAYS and EVENT_MAX_ROWS until saved here.'
                : 'Saved here; EVENT_RETENTION_DAYS and EVENT_MAX_ROWS no longer apply.'}{' '}
              Older deliveries are removed in the background every ten minutes.
            </p>
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Receiver</CardTitle>
            <CardDescription>Where KonPro delivers, and what the console accepts.</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-5">
            <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
              <code className="min-w-0 flex-1 rounded-md border bg-muted px-3 py-2 font-mono text-sm break-all">
                {url}
              </code>
              <CopyButton value={url} label="Copy URL" />
            </div>
            <ReceiverPolicyForm rejectUnsigned={policy.rejectUnsigned} canEdit={isAdmin} />
            <dl className="divide-y">
              <Row label="Largest accepted delivery">
                {Math.round(config.RECEIVER_MAX_BODY_BYTES / 1024)} KiB (RECEIVER_MAX_BODY_BYTES)
              </Row>
              <Row label="Per-address limit">
                {config.RECEIVER_RATE_LIMIT_PER_MINUTE.toLocaleString('en')} per minute
              </Row>
            </dl>
          </CardContent>
        </Card>
        <Card role="region" aria-labelledby="allowed-hosts" className="lg:col-span-2">
          <CardHeader>
            <CardTitle id="allowed-hosts">Allowed outbound hosts</CardTitle>
            <CardDescription>
              “Send again to…” and the sandboxes’ deliveries reach public addresses only. A host
              listed here may also be reached on a private or loopback address, such as a staging
              server or a tool on this machine. Link-local and cloud metadata addresses stay
              refused.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <AllowedHostsForm
              canEdit={isAdmin}
              hosts={allowedHosts.map((h) => ({
                id: h.id,
                host: formatOutboundHost(h),
                anyPort: h.port === null,
                createdAt: h.createdAt.toISOString(),
                createdBy: h.createdBy,
              }))}
            />
            {config.SANDBOX_ALLOW_HOSTS.length ? (
              <p className="text-xs break-all text-muted-foreground">
                Also allowed by this server’s SANDBOX_ALLOW_HOSTS:{' '}
                <code className="font-mono">
                  {config.SANDBOX_ALLOW_HOSTS.map(formatOutboundHost).join(', ')}
                </code>
              </p>
            ) : null}
          </CardContent>
        </Card>
        {PROVIDER_IDS.map((id) => (
          <AnswerRuleCard key={id} provider={id} rule={ruleOf(id)} canEdit={isAdmin} />
        ))}
      </div>
    </>
  )
}
