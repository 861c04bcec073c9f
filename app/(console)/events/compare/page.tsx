import type { Metadata } from 'next'
import Link from 'next/link'
import { ArrowLeftRightIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { BackToEvents } from '@/components/events/detail/back-to-events'
import { DetailSection } from '@/components/events/detail/detail-section'
import { HeaderChanges } from '@/components/events/compare/header-changes'
import { PayloadChanges } from '@/components/events/compare/payload-changes'
import { CompareForm } from '@/components/events/compare/compare-form'
import { LocalTime } from '@/components/relative-time'
import { VerdictBadge } from '@/components/events/verdict-badge'
import { requireSession } from '@/lib/auth/current'
import { diffHeaders, diffPayloads } from '@/lib/events/delivery-diff'
import { PROVIDER_LABELS, formatBytes } from '@/lib/events/format'
import { payloadValue } from '@/lib/events/payload-value'
import { getEvent } from '@/lib/events/queries'
import type { EventDetail } from '@/lib/events/types'
import { cn } from '@/lib/utils'
import { compareSchema } from '@/lib/validations/compare'
import { deliveryHeaders } from '@/lib/webhooks/incoming'

export const metadata: Metadata = { title: 'Compare deliveries' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const facts: [string, (e: EventDetail) => React.ReactNode, (e: EventDetail) => string][] = [
  ['Event type', (e) => e.eventType ?? '—', (e) => e.eventType ?? ''],
  ['Provider', (e) => PROVIDER_LABELS[e.provider] ?? e.provider, (e) => e.provider],
  [
    'Signature',
    (e) => <VerdictBadge verdict={e.verdict} parseStatus={e.parseStatus} />,
    (e) => `${e.verdict}:${e.parseStatus}`,
  ],
  ['Response', (e) => String(e.responseStatus), (e) => String(e.responseStatus)],
  ['Size', (e) => formatBytes(e.size), (e) => String(e.size)],
  ['Content type', (e) => e.contentType ?? '—', (e) => e.contentType ?? ''],
  ['Source IP', (e) => e.sourceIp ?? '—', (e) => e.sourceIp ?? ''],
  ['Endpoint', (e) => e.endpointId ?? '—', (e) => e.endpointId ?? ''],
]

function gap(a: EventDetail, b: EventDetail) {
  const s = Math.round((Date.parse(b.receivedAt) - Date.parse(a.receivedAt)) / 1000)
  const abs = Math.abs(s)
  const text =
    abs < 120
      ? `${abs} s`
      : abs < 7200
        ? `${Math.round(abs / 60)} min`
        : `${Math.round(abs / 3600)} h`
  return s === 0
    ? 'B arrived at the same second as A'
    : `B arrived ${text} ${s > 0 ? 'after' : 'before'} A`
}

export default async function ComparePage({ searchParams }: Props) {
  const { db } = await requireSession()
  const params = await searchParams
  const parsed = compareSchema.safeParse({ a: params.a, b: params.b })
  if (!parsed.success)
    return (
      <Shell>
        <DetailSection id="pick-title" title="Pick two deliveries">
          <CompareForm a={Number(params.a) || undefined} />
        </DetailSection>
      </Shell>
    )
  const [a, b] = await Promise.all([getEvent(db, parsed.data.a), getEvent(db, parsed.data.b)])
  const missing = [!a && parsed.data.a, !b && parsed.data.b].filter(Boolean)
  if (!a || !b)
    return (
      <Shell>
        <DetailSection id="pick-title" title="Pick two deliveries">
          <p role="alert" className="mb-4 text-sm text-destructive">
            No stored delivery #{missing.join(' or #')}: it may have been cleared or expired.
          </p>
          <CompareForm a={a ? a.id : undefined} />
        </DetailSection>
      </Shell>
    )
  const pa = payloadValue(a)
  const pb = payloadValue(b)
  const payload = pa !== undefined && pb !== undefined ? diffPayloads(pa, pb) : null
  const sameBytes = a.bodyBase64 === b.bodyBase64
  return (
    <Shell
      actions={
        <Button variant="outline" size="sm" asChild>
          <Link href={`/events/compare?a=${b.id}&b=${a.id}`}>
            <ArrowLeftRightIcon /> Swap
          </Link>
        </Button>
      }
      subtitle={
        <>
          <Link className="text-primary underline underline-offset-4" href={`/events/${a.id}`}>
            A: #{a.id}
          </Link>{' '}
          against{' '}
          <Link className="text-primary underline underline-offset-4" href={`/events/${b.id}`}>
            B: #{b.id}
          </Link>
          {' · '}
          {gap(a, b)}
        </>
      }
    >
      <DetailSection id="facts-title" title="Delivery">
        <div className="overflow-x-auto">
          <table className="w-full table-fixed text-sm" data-testid="compare-facts">
            <thead>
              <tr className="text-left text-xs text-muted-foreground">
                <th className="w-24 pb-2 font-medium sm:w-32" />
                <th className="pb-2 font-medium">A · #{a.id}</th>
                <th className="pb-2 font-medium">B · #{b.id}</th>
              </tr>
            </thead>
            <tbody className="divide-y">
              <tr>
                <th className="py-2 pr-3 text-left font-normal text-muted-foreground">Received</th>
                <td className="py-2 pr-3">
                  <LocalTime value={a.receivedAt} />
                </td>
                <td className="py-2">
                  <LocalTime value={b.receivedAt} />
                </td>
              </tr>
              {facts.map(([label, show, key]) => (
                <tr key={label} data-differs={key(a) !== key(b) || undefined}>
                  <th
                    className={cn(
                      'py-2 pr-3 text-left font-normal text-muted-foreground',
                      key(a) !== key(b) && 'font-medium text-warning',
                    )}
                  >
                    {label}
                  </th>
                  <td className="py-2 pr-3 [overflow-wrap:anywhere]">{show(a)}</td>
                  <td className="py-2 [overflow-wrap:anywhere]">{show(b)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </DetailSection>
      <DetailSection
        id="payload-diff-title"
        title="Payload"
        description={
          payload
            ? payload.changes.length === 0
              ? sameBytes
                ? 'Identical, byte for byte.'
                : 'The same JSON; the bytes differ only in spacing or key order.'
              : `${payload.changes.length}${payload.truncated ? '+' : ''} difference${payload.changes.length === 1 ? '' : 's'}, key by key.`
            : sameBytes
              ? 'Not JSON; the raw bodies are identical.'
              : `Not JSON (${pa === undefined ? 'A' : 'B'}), so not compared key by key; the raw bodies differ (${formatBytes(a.size)} and ${formatBytes(b.size)}).`
        }
      >
        {payload && payload.changes.length > 0 ? <PayloadChanges {...payload} /> : null}
      </DetailSection>
      <DetailSection id="headers-diff-title" title="Headers">
        <HeaderChanges
          headers={diffHeaders(deliveryHeaders(a.headers), deliveryHeaders(b.headers))}
        />
      </DetailSection>
    </Shell>
  )
}

function Shell({
  children,
  actions,
  subtitle,
}: {
  children: React.ReactNode
  actions?: React.ReactNode
  subtitle?: React.ReactNode
}) {
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-4">
        <BackToEvents />
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div className="min-w-0">
            <h1 className="text-xl font-semibold tracking-tight sm:text-2xl">Compare deliveries</h1>
            {subtitle ? <p className="mt-1 text-sm text-muted-foreground">{subtitle}</p> : null}
          </div>
          {actions}
        </div>
      </div>
      {children}
    </div>
  )
}
