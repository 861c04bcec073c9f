// The forwarder's small state file: the console it follows, the point to resume after, the few
// deliveries handled above it (see handled.mjs) and the one being sent, if any, so a restart sends
// none twice and knows which delivery a hard kill may have interrupted. A file from before
// `handled` existed holds `after` alone, which reads as nothing handled above it. Written to a temporary file, flushed to disk, renamed, and the
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
 * @returns {{ console: string, after: number, handled?: number[], inFlight?: number } | null}
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
  if (
    parsed.handled !== undefined &&
    !(Array.isArray(parsed.handled) && parsed.handled.every((id) => isId(id) && id > parsed.after))
  )
    throw damaged(file, 'its handled deliveries are not delivery ids above the resume point')
  if (parsed.console !== consoleUrl) return null
  return {
    console: parsed.console,
    after: parsed.after,
    ...(parsed.handled?.length ? { handled: parsed.handled } : {}),
    ...(parsed.inFlight !== undefined ? { inFlight: parsed.inFlight } : {}),
  }
}

const damaged = (file, reason) =>
  new ForwardError(
    `The state file ${file} is unusable (${reason}), so where to resume is unknown. Delete it to start with new deliveries, or pass --since 1h (or a delivery id) to choose where to start.`,
  )

/**
 * Records `after` as the point to resume after, `handled` as the ids handled above it and, while
 * it is being sent, `inFlight` as the delivery being sent.
 * @param {{ after: number, handled?: number[], inFlight?: number }} state
 */
export function writeState(file, consoleUrl, { after, handled = [], inFlight }) {
  const dir = path.dirname(path.resolve(file))
  mkdirSync(dir, { recursive: true })
  const temp = `${file}.${process.pid}.tmp`
  const state = {
    console: consoleUrl,
    after,
    ...(handled.length ? { handled } : {}),
    inFlight,
    updatedAt: new Date().toISOString(),
  }
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
