export { freePort } from '../net/free-port.mjs'

export function hasBuild(): boolean

export interface ServerOptions {
  port?: number
  via?: 'server.mjs' | 'next start'
  ready?: { method: string; path: string }
  timeoutMs?: number
}

export interface BuildServer {
  url: string
  port: number
  pid: number
  ready(): Promise<void>
  kill(signal?: NodeJS.Signals): Promise<void>
  stop(graceMs?: number): Promise<void>
  stderr(): string
}

export function spawnServer(
  env: Record<string, string>,
  options?: ServerOptions,
): Promise<BuildServer>
export function startServer(
  env: Record<string, string>,
  options?: ServerOptions,
): Promise<BuildServer>
export function startOnFreshData(
  prefix: string,
  admin: { email: string; password: string },
  env?: Record<string, string>,
  options?: ServerOptions,
): Promise<BuildServer & { dataDir: string }>
export function sessionCookie(
  url: string,
  credentials: { email: string; password: string },
): Promise<string>

export function hasPgbouncer(): boolean
export function startPgbouncer(serverUrl: string): Promise<{
  port: number
  pooled(url: string): string
  stop(): Promise<void>
}>
