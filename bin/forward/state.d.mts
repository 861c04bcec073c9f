// Types for the tests that import the forwarder's plain-JavaScript modules.
export function readState(
  file: string,
  consoleUrl: string,
): { console: string; after: number; handled?: number[]; inFlight?: number } | null
export function writeState(
  file: string,
  consoleUrl: string,
  state: { after: number; handled?: number[]; inFlight?: number },
): void
