import { readFileSync } from 'node:fs'

/**
 * The routes and server actions of the production build, read from its own manifests, so a page,
 * route handler or action added later is crawled without anyone adding it to a list.
 */
export type BuiltRoute = { appPath: string; route: string; kind: 'page' | 'route' }
export type BuiltAction = { id: string; name: string; file: string; workers: string[] }

export function builtRoutes(): BuiltRoute[] {
  const manifest = JSON.parse(
    readFileSync('.next/app-path-routes-manifest.json', 'utf8'),
  ) as Record<string, string>
  return Object.entries(manifest).map(([appPath, route]) => ({
    appPath,
    route,
    kind: appPath.endsWith('/route') ? 'route' : 'page',
  }))
}

export function builtActions(): BuiltAction[] {
  type Entry = { exportedName: string; filename: string; workers: Record<string, unknown> }
  const manifest = JSON.parse(
    readFileSync('.next/server/server-reference-manifest.json', 'utf8'),
  ) as { node: Record<string, Entry> }
  return Object.entries(manifest.node).map(([id, e]) => ({
    id,
    name: e.exportedName,
    file: e.filename,
    workers: Object.keys(e.workers),
  }))
}

/** Fills `[id]` and `[...path]` segments from the values given (by parameter name). */
export function fill(route: string, values: Record<string, string>): string {
  return route.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? 'x'),
  )
}

/**
 * The Next-Router-State-Tree header of a browser that already shows every layout above the page:
 * the server then renders the page segment alone, which is how a client navigation asks for it.
 */
export function layoutsOnScreenTree(appPath: string, values: Record<string, string>): string {
  const segments = appPath
    .replace(/\/page$/, '')
    .split('/')
    .filter(Boolean)
  // The page's own segment is the one the browser does not have yet: it shows a sibling page
  // (the root page's sibling is some other page under the root layout).
  let node: unknown[] =
    segments.pop() === undefined ? ['elsewhere', { children: ['__PAGE__', {}] }] : ['__PAGE__', {}]
  for (const segment of segments.reverse()) {
    const dynamic = /^\[(?:\.\.\.)?([^\]]+)\]$/.exec(segment)
    const key = dynamic ? [dynamic[1], values[dynamic[1]!] ?? 'x', 'd'] : segment
    node = [key, { children: node }]
  }
  return encodeURIComponent(JSON.stringify(['', { children: node }]))
}
