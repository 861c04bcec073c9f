import { notFound } from 'next/navigation'
import { ProviderErrorPanel } from '@/components/provider-error'
import { PROVIDERS, type ProviderId } from '@/lib/providers/catalog'

/**
 * What a detail page shows when its provider did not answer with the record: the way back and
 * the failure with a retry. A record the provider says is gone is the 404 page instead, unless
 * the failed call was a list the record was to be found in (`missingIsNotFound={false}`).
 */
export function DetailFailure({
  back,
  error,
  retryHref,
  provider,
  missingIsNotFound = true,
}: {
  back: React.ReactNode
  error: { kind: string; message: string; hint?: string }
  retryHref: string
  provider: ProviderId
  missingIsNotFound?: boolean
}) {
  if (missingIsNotFound && error.kind === 'not_found') notFound()
  return (
    <>
      {back}
      <ProviderErrorPanel
        provider={PROVIDERS[provider].label}
        error={error}
        retryHref={retryHref}
      />
    </>
  )
}
