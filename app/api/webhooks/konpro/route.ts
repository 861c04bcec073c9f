// Public receiver for KonPro's webhooks: OPTIONS for KonPro's check, POST for deliveries.
import { konproDefinition } from '@/lib/providers/konpro/definition'
import { receiverFor } from '@/lib/webhooks/receiver'

export const dynamic = 'force-dynamic'

export const { OPTIONS, POST } = receiverFor(konproDefinition)
