// Types for the tests that import the forwarder's plain-JavaScript modules.
export const RESUME_GRACE_MS: number
export const MAX_HANDLED: number
export function handledSince(
  after: number,
  ids?: number[],
  graceMs?: number,
): {
  readonly after: number
  ids(): number[]
  seen(id: number, receivedAt: string): boolean
  add(id: number, receivedAt: string): void
}
