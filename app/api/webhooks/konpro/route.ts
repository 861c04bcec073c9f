// Public receiver for KonPro's webhooks: OPTIONS for KonPro's check, POST for deliveries.
import { konproReceiver } from '@/lib/webhooks/konpro-receiver'

export const dynamic = 'force-dynamic'

export const { OPTIONS, POST } = konproReceiver
