// The built-in KonPro sandbox API (the embedded default); answers 404 once a real API key is set.
import { getDb } from '@/lib/db'
import { isSandbox } from '@/lib/providers/konpro/mode'
import { handleSandboxRequest } from '@/lib/providers/konpro/sandbox/handler'

export const dynamic = 'force-dynamic'

async function handle(req: Request, { params }: { params: Promise<{ action: string }> }) {
  if (!(await isSandbox()))
    return Response.json(
      { code: 404, message: 'the sandbox is off: a real KonPro API key is configured' },
      { status: 404 },
    )
  return handleSandboxRequest(req, (await params).action, await getDb())
}

export { handle as GET, handle as POST, handle as PATCH, handle as DELETE }
