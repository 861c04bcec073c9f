import 'server-only'
import { env } from '../../env'

/** With no Kayle API key configured the console manages Kayle endpoints in its built-in sandbox. */
export function isKayleSandbox(): boolean {
  return !env().KAYLE_API_KEY
}
