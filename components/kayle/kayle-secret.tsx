'use client'

import { SecretField } from '@/components/provider/secret-field'
import { kayleSecretAction } from '@/app/(console)/kayle/actions'

/** A Kayle endpoint's signing secret: revealed on demand, and rotated after a confirmation. */
export function KayleSecret({ endpointId }: { endpointId: string }) {
  return (
    <SecretField
      masked="whsec_••••••••••••"
      failure="Kayle did not return the secret."
      fetchSecret={(mode) => kayleSecretAction({ id: endpointId, mode })}
      rotate={{
        description:
          'Kayle signs every delivery from now on with a new secret. Anything else that verifies this endpoint’s deliveries with the old secret will reject them until it is given the new one.',
        done: 'Secret rotated. The receiver already verifies with the new one.',
      }}
      testId="kayle-secret-value"
    />
  )
}
