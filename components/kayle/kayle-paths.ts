// Where a Kayle event and one of its deliveries are shown. Kayle has no GET for a single
// delivery, so a delivery's page sits under its event, whose `event_id` filter finds it.

export const kayleEventHref = (eventId: string) => `/kayle/events/${encodeURIComponent(eventId)}`

export const kayleDeliveryHref = (eventId: string, deliveryId: string) => `${kayleEventHref(eventId)}/deliveries/${encodeURIComponent(deliveryId)}`
