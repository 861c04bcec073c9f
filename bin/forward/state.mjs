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
import { ForwardError } from './errors.mjs'

const isId = (value) => Number.isSafeInteger(value) && value >= 0

/**
 * The state for `consoleUrl`, or null when there is no file or it is another console's. A file
 * that cannot be read or is damaged stops the forwarder: starting from the latest delivery instead
 * would silently skip whatever arrived while it was stopped.
 * @returns {{ console: string, after: number, inFlight?: number } | null}
 */
export function readState(file, consoleUrl) {
  let text
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if (error.code === 'ENOENT') return null
    throw damaged(file, `it cannot be read: ${error.code ?? error.message}`)
  }
  let parsed
  try {
    parsed = JSON.parse(text)
  } catch {
    throw damaged(file, 'it is not valid JSON')
  }
  if (typeof parsed?.console !== 'string' || !isId(parsed.after))
    throw damaged(file, 'it does not hold a console and a delivery id')
  if (parsed.inFlight !== undefined && !isId(parsed.inFlight))
    throw damaged(file, 'its in-flight delivery is not a delivery id')
  if (parsed.console !== consoleUrl) return null
  return {
    console: parsed.console,
    after: parsed.after,
    ...(parsed.inFlight !== undefined ? { inFlight: parsed.inFlight } : {}),
  }
}

const damaged = (file, reason) =>
  new ForwardError(
    `The state file ${file} is unusable (${reason}), so where to resume is unknown. Delete it to start with new deliveries, or pass --since 1h (or a delivery id) to choose where to start.`,
  )

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
