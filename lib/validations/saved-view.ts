import { z } from 'zod'
import { filtersToSearchParams, hasActiveFilters, parseEventFilters } from './event-filters'

// Shared by the save and rename forms and their actions.

export const savedViewName = z
  .string()
  .trim()
  .min(1, 'Name the view, for example "Failed renders last 24h".')
  .max(80, 'Keep the name to 80 characters or fewer.')

/**
 * The filters a view opens, as the /events search string. Anything the filters do not accept is
 * refused (a view must open what it promises), and what is stored is the canonical form, so the
 * same filters always make the same string whatever order the address had.
 */
export const savedViewQuery = z
  .string()
  .max(4000, 'These filters are too long to save.')
  .transform((query, ctx) => {
    const parsed = parseEventFilters(new URLSearchParams(query))
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'These filters are not valid; fix them first.' })
      return z.NEVER
    }
    if (!hasActiveFilters(parsed.data)) {
      ctx.addIssue({ code: 'custom', message: 'Pick at least one filter to save as a view.' })
      return z.NEVER
    }
    return filtersToSearchParams(parsed.data).toString()
  })

export const saveViewSchema = z.object({ name: savedViewName, query: savedViewQuery })
export type SaveViewInput = z.input<typeof saveViewSchema>

export const savedViewId = z.number().int().positive()

export const renameViewSchema = z.object({ id: savedViewId, name: savedViewName })
export type RenameViewInput = z.input<typeof renameViewSchema>

export const deleteViewSchema = z.object({ id: savedViewId })

export const duplicateViewName = (name: string) => `You already have a view named “${name}”.`
