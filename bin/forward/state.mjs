// The forwarder's small state file: the console it follows, the last delivery it handled and the
// one being sent, if any, so a restart resumes right after the last one and knows which delivery a
// hard kill may have interrupted. Written to a temporary file, flushed to disk, renamed, and the
// directory flushed too, so a kill or a power cut leaves the previous state or the new one, never
// half of one and never an older one.
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs'
import path from 'node:path'

const isId = (value) => Number.isSafeInteger(value) && value >= 0

/** @returns {{ console: string, after: number, inFlight?: number } | null} */
export function readState(file, consoleUrl) {
  let parsed
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return null
  }
  if (parsed?.console !== consoleUrl || !isId(parsed.after)) return null
  return {
    console: parsed.console,
    after: parsed.after,
    ...(isId(parsed.inFlight) ? { inFlight: parsed.inFlight } : {}),
  }
}

/** Records `after` as handled and, while it is being sent, `inFlight` as the delivery after it. */
export function writeState(file, consoleUrl, after, inFlight) {
  const dir = path.dirname(path.resolve(file))
  mkdirSync(dir, { recursive: true })
  const temp = `${file}.${process.pid}.tmp`
  const state = { console: consoleUrl, after, inFlight, updatedAt: new Date().toISOString() }
  const fd = openSync(temp, 'w')
  try {
    writeSync(fd, `${JSON.stringify(state)}\n`)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temp, file)
  // The rename lives in the directory: flush it too, or a crash can bring back the previous file.
  const dirFd = openSync(dir, 'r')
  try {
    fsyncSync(dirFd)
  } finally {
    closeSync(dirFd)
  }
}
