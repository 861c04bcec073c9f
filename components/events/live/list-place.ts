'use client'

// Where the person was in the log: its filters (the query without `selected`) and the row at the
// top of the view, kept for the tab so "All events" and Back return to the same place.

const KEY = 'konpro-console.events.place'

export interface ListPlace {
  search: string
  /** The delivery at the top of the view; null at the top of the list. */
  anchorId: number | null
}

/** The list's own query: the address's filters, without the split view's selection. */
export function listSearch(href = window.location.href): string {
  const url = new URL(href)
  url.searchParams.delete('selected')
  const search = url.searchParams.toString()
  return search ? `?${search}` : ''
}

export function rememberListPlace(place: ListPlace) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(place))
  } catch {
    // Storage full or refused (private mode): the place is simply not kept.
  }
}

export function recallListPlace(): ListPlace | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<ListPlace> | null
    return value && typeof value.search === 'string'
      ? {
          search: value.search,
          anchorId: typeof value.anchorId === 'number' ? value.anchorId : null,
        }
      : null
  } catch {
    return null
  }
}
