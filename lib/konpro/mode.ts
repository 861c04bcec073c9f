import 'server-only'
import { env } from '../env'

/** With no API key configured the console manages endpoints in its built-in sandbox. */
export function isSandbox(): boolean {
  return !env().KONPRO_API_KEY
}
