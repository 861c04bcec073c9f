import { z } from 'zod'
import { eventFiltersSchema } from './event-filters'

/** "Clear log": what the current filter shows, or everything stored. */
export const clearLogSchema = z.object({
  scope: z.enum(['filtered', 'all']),
  filters: eventFiltersSchema,
})
export type ClearLogInput = z.input<typeof clearLogSchema>

/** The dialog counts both before anyone chooses. */
export const countLogSchema = z.object({ filters: eventFiltersSchema })
