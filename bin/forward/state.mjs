// The forwarder's small state file: the console it follows and the last delivery it handled, so a
// restart resumes right after it. Written to a temporary file and renamed, so a kill mid-write
// leaves the previous state, never half of one.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** @returns {{ console: string, after: number } | null} */
export function readState(file, consoleUrl) {
  let parsed
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return null
  }
  if (parsed?.console !== consoleUrl || !Number.isSafeInteger(parsed.after) || parsed.after < 0)
    return null
  return { console: parsed.console, after: parsed.after }
}

export function writeState(file, consoleUrl, after) {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(
    temp,
    `${JSON.stringify({ console: consoleUrl, after, updatedAt: new Date().toISOString() })}\n`,
  )
  renameSync(temp, file)
}
