// Public receiver for Kayle's encrypted webhooks: OPTIONS answered at once, POST for deliveries.
import { kayleDefinition } from '@/lib/providers/kayle/definition'
import { receiverFor } from '@/lib/webhooks/receiver'

export const dynamic = 'force-dynamic'

export const { OPTIONS, POST } = receiverFor(kayleDefinition)
