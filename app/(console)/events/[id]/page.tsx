import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { cache } from 'react'
import { DownloadIcon } from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { CopyButton } from '@/components/copy-button'
import { BackToEvents } from '@/components/events/detail/back-to-events'
import { Breakable } from '@/components/events/detail/breakable'
import { DetailNeighbours } from '@/components/events/detail/detail-neighbours'
import { CompareForm } from '@/components/events/compare/compare-form'
import { DetailSection } from '@/components/events/detail/detail-section'
import { KayleEventLinks, kayleEventIdOf } from '@/components/events/detail/kayle-event-links'
import { EventIds } from '@/components/events/detail/event-ids'
import { EventFacts } from '@/components/events/detail/event-facts'
import { HeadersTable } from '@/components/events/detail/headers-table'
import { RawBody } from '@/components/events/detail/raw-body'
import { ReplaySection } from '@/components/events/detail/replay-section'
import { SignatureDiagnosisSection } from '@/components/events/detail/signature-diagnosis'
import { JsonTree } from '@/components/events/json-tree'
import { DeliveryBadges } from '@/components/events/verdict-badge'
import { requireSession } from '@/lib/auth/current'
import { curlCommand } from '@/lib/events/curl'
import { LocalTime } from '@/components/relative-time'
import type { EventDetail } from '@/lib/events/types'
import { payloadValue } from '@/lib/events/payload-value'
import { getEvent } from '@/lib/events/queries'
import { diagnosisSecrets } from '@/lib/webhooks/diagnosis-secrets'
import { diagnoseSignature } from '@/lib/webhooks/signature-diagnosis'
import { describeAnswer } from '@/lib/webhooks/answer-text'
import { deliveryHeaders } from '@/lib/webhooks/incoming'
import { MAX_JSON_DEPTH } from '@/lib/webhooks/parse'
import { receiverUrl } from '@/lib/webhooks/receiver-url'
import { providerDefinition } from '@/lib/providers/registry'

const MAX_COPY_CHARS = 100_000

type Props = { params: Promise<{ id: string }> }

// Metadata renders apart from the page, so each checks the session itself; cache() makes the two
// share one read of the row (up to a megabyte of body and payload) per request.
const load = cache(async (id: string) => {
  const { db } = await requireSession()
  if (!/^\d{1,15}$/.test(id)) return null
  return getEvent(db, Number(id))
})

/** For a delivery that did not verify: why, from its stored bytes and the secrets known now. */
async function diagnose(event: EventDetail) {
  if (event.verdict === 'verified') return null
  const { db } = await requireSession()
  const { secrets, problem } =
    event.verdict === 'unsigned'
      ? { secrets: [], problem: null }
      : await diagnosisSecrets(db, event.provider)
  const body = Buffer.from(event.bodyBase64, 'base64')
  return { diagnosis: diagnoseSignature({ ...event, body, secrets }), problem }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const event = await load((await params).id)
  return { title: event ? `Delivery #${event.id}` : 'Delivery not found' }
}

export default async function EventDetailPage({ params }: Props) {
  const event = await load((await params).id)
  if (!event) notFound()
  const parsed = payloadValue(event)
  const headers = deliveryHeaders(event.headers)
  const why = await diagnose(event)
  // A copy button carries its text into the page: past this size the download is the way, and
  // the (pretty, so larger) copies are not even built.
  const copyable = (event.bodyText ?? event.bodyBase64).length <= MAX_COPY_CHARS
  const json = parsed === undefined || !copyable ? null : JSON.stringify(parsed, null, 2)
  const curl = copyable
    ? curlCommand({
        url: await receiverUrl(providerDefinition(event.provider).catalog.receiverPath),
        headers,
        bodyText: event.bodyText,
        bodyBase64: event.bodyBase64,
      })
    : null
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <BackToEvents />
          <DetailNeighbours id={event.id} />
        </div>
        <div className="flex flex-col gap-4 lg:flex-row lg:items-end lg:justify-between">
          <div className="min-w-0">
            <p className="font-mono text-xs text-muted-foreground">Delivery #{event.id}</p>
            <h1 className="mt-1 font-mono text-xl font-semibold tracking-tight [overflow-wrap:anywhere] sm:text-2xl">
              {event.eventType !== null ? (
                <Breakable text={event.eventType} />
              ) : (
                <span className="text-muted-foreground">(no event type)</span>
              )}
            </h1>
            <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
              <DeliveryBadges event={event} />
              {event.answer ? (
                <Badge variant="warning" title={describeAnswer(event.answer)}>
                  Test answer {event.answer.status}
                </Badge>
              ) : null}
              <LocalTime value={event.receivedAt} data-testid="detail-received-at" />
            </div>
          </div>
          <div className="flex flex-wrap gap-2">
            {json !== null ? <CopyButton value={json} label="Copy JSON" /> : null}
            {curl !== null ? <CopyButton value={curl} label="Copy as cURL" /> : null}
            <Button variant="outline" size="sm" asChild>
              <a href={`/api/events/${event.id}/body`} download>
                <DownloadIcon /> Download raw body
              </a>
            </Button>
          </div>
        </div>
      </div>

      <div className="grid min-w-0 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="flex min-w-0 flex-col gap-6">
          <DetailSection
            id="payload-title"
            title="Payload"
            description={
              parsed === undefined
                ? 'The body is not JSON; see the raw body below.'
                : 'Parsed from the raw body. Click a key to fold it.'
            }
          >
            {parsed !== undefined ? (
              <div className="max-h-[40rem] overflow-auto rounded-md border bg-muted/40 p-3">
                <JsonTree value={parsed} source={`/api/events/${event.id}/tree`} />
              </div>
            ) : (
              <p className="text-sm text-muted-foreground">
                {event.parseStatus === 'empty'
                  ? 'The request had an empty body.'
                  : event.parseStatus === 'invalid_utf8'
                    ? 'The body is not valid UTF-8 text (binary data).'
                    : event.parseStatus === 'too_deep'
                      ? `The body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels, so it was stored as raw bytes and not parsed.`
                      : event.parseStatus === 'undecryptable'
                        ? 'The body is an encrypted Kayle delivery that was refused or that no stored private key opens.'
                        : 'The body is text but not valid JSON.'}
              </p>
            )}
          </DetailSection>
          <DetailSection
            id="raw-title"
            title="Raw body"
            description={`${event.size.toLocaleString('en')} bytes as received.`}
          >
            <RawBody text={event.bodyText} base64={event.bodyBase64} />
          </DetailSection>
          <DetailSection
            id="headers-title"
            title="Headers"
            description={`${Object.keys(headers).length} request headers, signature headers first.`}
          >
            <HeadersTable headers={headers} />
          </DetailSection>
        </div>
        <div className="order-first flex min-w-0 flex-col gap-6 lg:order-none">
          <EventFacts event={event} />
          {why ? <SignatureDiagnosisSection {...why} /> : null}
          <DetailSection
            id="ids-title"
            title="Event data"
            description="Links open in a new tab; nothing is loaded here."
          >
            <EventIds payload={parsed ?? null} />
          </DetailSection>
          {kayleEventIdOf(parsed ?? null) ? (
            <DetailSection
              id="kayle-event-title"
              title="At Kayle"
              description="Kayle's ids for this delivery, its event and a replay."
            >
              <KayleEventLinks payload={parsed ?? null} headers={event.headers} />
            </DetailSection>
          ) : null}
          <DetailSection
            id="compare-title"
            title="Compare"
            description="Payload and header differences against another delivery."
          >
            <CompareForm a={event.id} />
          </DetailSection>
          <ReplaySection eventId={event.id} provider={event.provider} />
        </div>
      </div>
    </div>
  )
}
