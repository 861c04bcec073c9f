// Public receiver for Kayle's encrypted webhooks: OPTIONS answered at once, POST for deliveries.
import { kayleReceiver } from '@/lib/kayle/receiver'

export const dynamic = 'force-dynamic'

export const { OPTIONS, POST } = kayleReceiver
