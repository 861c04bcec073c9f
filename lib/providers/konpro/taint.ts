import 'server-only'
import * as React from 'react'

type TaintUnique = (message: string, lifetime: object, value: string) => void
type TaintObject = (message: string, object: object) => void

// The taint APIs exist only in React's server build (Server Components, actions, route handlers);
// elsewhere (tests, instrumentation) these are no-ops and the data modelling alone protects.
const api = React as unknown as {
  experimental_taintUniqueValue?: TaintUnique
  experimental_taintObjectReference?: TaintObject
}

/** React refuses to send this exact string to a browser for as long as the process lives. */
export function taintForever(message: string, value: string) {
  api.experimental_taintUniqueValue?.(message, globalThis, value)
}

/** React refuses to pass this object (as a whole) to a Client Component. */
export function taintObject(message: string, object: object) {
  api.experimental_taintObjectReference?.(message, object)
}
