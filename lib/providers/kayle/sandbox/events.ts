import 'server-only'
import { randomBytes } from 'node:crypto'
import type { KayleEventTypeName } from '../event-catalog'

/** The share-contract version of the payload guides' examples (`metadata.contract_version`, an integer). */
export const CONTRACT_VERSION = 1

const random = (bytes = 8) => randomBytes(bytes).toString('hex')

/**
 * A decrypted delivery for each event type with the fields of Kayle's payload guides
 * (verification-session-*.mdx) and the document's payload schemas; the values are made up.
 */
export function sampleEvent(type: KayleEventTypeName) {
  const data: Record<KayleEventTypeName, Record<string, unknown>> = {
    'verification.session.succeeded': {
      claims: {
        date_of_birth: '1995-04-12',
        family_name: 'Curie',
        given_names: 'Marie',
        kayle_document_id: `kdid_${random(6)}`,
      },
      selected_field_keys: ['date_of_birth', 'family_name', 'given_names', 'kayle_document_id'],
    },
    'verification.session.failed': {
      failure_code: 'document_chip_authentication_failed',
      nfc_tries_used: 3,
      liveness_tries_used: 0,
    },
    'verification.session.expired': {},
    'verification.session.cancelled': {
      outcome: 'not_verified',
      reason: 'cancelled_after_failed_check',
      nfc_tries_used: 0,
      liveness_tries_used: 2,
    },
  }
  return {
    type,
    metadata: {
      contract_version: CONTRACT_VERSION,
      event_id: `evt_${random()}`,
      verification_session_id: `vs_${random()}`,
    },
    data: data[type],
  }
}
