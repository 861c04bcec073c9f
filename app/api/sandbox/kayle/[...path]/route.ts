// The built-in Kayle sandbox API (used when KAYLE_API_KEY is unset); answers 404 once a real key is set.
import { getDb } from '@/lib/db'
import { isKayleSandbox } from '@/lib/providers/kayle/mode'
import { handleKayleSandboxRequest } from '@/lib/providers/kayle/sandbox/handler'

export const dynamic = 'force-dynamic'

async function handle(req: Request) {
  if (!isKayleSandbox()) {
    return Response.json(
      {
        data: null,
        error: {
          code: 'not_found',
          message: 'the Kayle sandbox is off: a real KAYLE_API_KEY is configured',
        },
      },
      { status: 404 },
    )
  }
  return handleKayleSandboxRequest(req, await getDb())
}

export { handle as GET, handle as POST, handle as PATCH, handle as DELETE }
