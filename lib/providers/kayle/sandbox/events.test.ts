import { describe, expect, it } from 'vitest'
import { KAYLE_EVENT_TYPE_NAMES } from '../event-catalog'
import { checkKaylePayload } from '../openapi/validate'
import { sampleEvent } from './events'

describe('the sandbox’s delivered payloads', () => {
  it.each(KAYLE_EVENT_TYPE_NAMES)('%s matches the document’s payload schema', (type) => {
    expect(checkKaylePayload(sampleEvent(type))).toEqual([])
  })

  it('the check refuses a payload the document does not describe', () => {
    expect(
      checkKaylePayload({
        type: 'verification.session.succeeded',
        metadata: {
          contract_version: '2025-01-01',
          event_id: 'evt_1',
          verification_session_id: 'vs_1',
        },
        data: {},
      }),
    ).not.toEqual([])
    expect(checkKaylePayload({ type: 'verification.session.unknown' })).toEqual([
      'type verification.session.unknown is not a documented event type',
    ])
  })
})
