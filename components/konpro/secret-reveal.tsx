'use client'

import { SecretField } from '@/components/provider/secret-field'
import { revealSecretAction } from '@/app/(console)/konpro/endpoints/actions'

/** A KonPro endpoint's secret: KonPro reveals it but does not rotate it. */
export function SecretReveal({ endpointId, prefix }: { endpointId: string; prefix: string }) {
  return (
    <SecretField
      masked={`${prefix}••••••••••••`}
      failure="The secret could not be revealed."
      fetchSecret={() => revealSecretAction(endpointId)}
    />
  )
}
