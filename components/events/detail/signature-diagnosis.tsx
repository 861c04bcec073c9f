import { CheckIcon, XIcon } from 'lucide-react'
import type { SignatureDiagnosis } from '@/lib/webhooks/diagnosis-kit'
import { DetailSection } from './detail-section'

// "Why it did not verify": the signature that arrived against what each known secret gives.

export function SignatureDiagnosisSection({
  diagnosis,
  problem,
}: {
  diagnosis: SignatureDiagnosis
  problem: string | null
}) {
  const { header, received, timestamp, candidates, findings } = diagnosis
  return (
    <DetailSection
      id="diagnosis-title"
      title="Why it did not verify"
      description="Worked out again from the stored bytes with the secrets known now."
    >
      <div className="flex flex-col gap-4 text-sm" data-testid="signature-diagnosis">
        <ul className="flex list-disc flex-col gap-2 pl-5">
          {[...(problem ? [problem] : []), ...findings].map((finding) => (
            <li key={finding}>{finding}</li>
          ))}
        </ul>
        {header ? (
          <dl className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-x-3 gap-y-2 border-t pt-4">
            <dt className="text-muted-foreground">Received</dt>
            <dd className="min-w-0 font-mono text-xs break-all">
              {header}: {received.join(', ') || '—'}
            </dd>
            {timestamp ? (
              <>
                <dt className="text-muted-foreground">Clock skew</dt>
                <dd data-testid="signature-skew">
                  {timestamp.skewSeconds === 0
                    ? 'none'
                    : timestamp.skewSeconds > 0
                      ? `arrived ${timestamp.skewSeconds} s after its timestamp`
                      : `timestamp ${-timestamp.skewSeconds} s ahead of arrival`}{' '}
                  <span className="text-muted-foreground">
                    (±{timestamp.toleranceSeconds} s allowed)
                  </span>
                </dd>
              </>
            ) : null}
          </dl>
        ) : null}
        {candidates.length > 0 ? (
          <div className="flex flex-col gap-2 border-t pt-4">
            <p className="text-xs text-muted-foreground">
              Expected with each secret (first 8 hex characters):
            </p>
            <ul className="flex flex-col gap-2">
              {candidates.map((c) => (
                <li
                  key={c.endpointId}
                  className="flex min-w-0 items-center gap-2"
                  data-testid="diagnosis-candidate"
                >
                  {c.matches ? (
                    <CheckIcon className="size-4 shrink-0 text-success" aria-label="matches" />
                  ) : (
                    <XIcon
                      className="size-4 shrink-0 text-destructive"
                      aria-label="does not match"
                    />
                  )}
                  <span className="min-w-0 flex-1 truncate font-mono text-xs" title={c.endpointId}>
                    {c.endpointId}
                  </span>
                  <span className="shrink-0 font-mono text-xs text-muted-foreground">
                    …{c.secretEnd}
                  </span>
                  <code className="shrink-0 font-mono text-xs">{c.expected}</code>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </DetailSection>
  )
}
