/**
 * The /events address of a filter set. Commas stay readable (`verdict=invalid,unsigned`): the
 * filters read them the same encoded or not, and a shared link says what it shows.
 */
export function eventsHref(query: URLSearchParams | string, pathname = '/events') {
  const search = query.toString().replaceAll('%2C', ',')
  return search ? `${pathname}?${search}` : pathname
}
