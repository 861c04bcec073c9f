import { z } from 'zod'

const deliveryId = z.coerce
  .number({ error: 'Enter a delivery number, for example 1042.' })
  .int('Enter a whole delivery number.')
  .min(1, 'Enter a delivery number, for example 1042.')
  .max(Number.MAX_SAFE_INTEGER)

/** `/events/compare?a=<id>&b=<id>`: the two deliveries side by side. */
export const compareSchema = z.object({ a: deliveryId, b: deliveryId })
