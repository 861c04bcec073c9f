/**
 * The channel the `events_notify` trigger (migration 0003) notifies after every insert, with the
 * newest id: the live streams of every instance sharing the database LISTEN on it. Migration SQL
 * spells the same value; a committed migration is never edited.
 */
export const EVENTS_CHANNEL = 'konpro_events'
