export function readState(
  file: string,
  consoleUrl: string,
): { console: string; after: number } | null
export function writeState(file: string, consoleUrl: string, after: number): void
