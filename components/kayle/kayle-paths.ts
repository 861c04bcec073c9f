// Where a Kayle event and one of its deliveries are shown. Kayle has no GET for a single
// delivery, so a delivery's address carries its event: the `event_id` filter finds it there.

export const kayleEventHref = (eventId: string) => `/kayle/events/${encodeURIComponent(eventId)}`

export const kayleDeliveryHref = (eventId: string, deliveryId: string) =>
  `/kayle/deliveries/${encodeURIComponent(deliveryId)}?event=${encodeURIComponent(eventId)}`
