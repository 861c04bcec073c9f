import { createServer, type Server } from 'node:http'
import { randomBytes } from 'node:crypto'

/**
 * A small KonPro stand-in over a real socket, following the seed documents: the console's
 * "real API" mode talks to it with the configured key. `failWith` scripts the next answers.
 */
export class FakeKonpro {
  readonly endpoints = new Map<
    string,
    {
      endpoint_id: string
      url: string
      secret: string
      status: string
      events: string[]
      username: string
      created_at: string
    }
  >()
  readonly requests: Array<{
    method: string
    path: string
    apiKey: string | undefined
    body: string
  }> = []
  /** Scripted failure for every request, or only for one HTTP method. */
  failWith: { status: number; body?: unknown; delayMs?: number; method?: string } | null = null
  private server: Server | undefined

  constructor(
    readonly port: number,
    readonly apiKey: string,
  ) {}

  seed(url: string, events: string[] = []) {
    const endpoint = {
      endpoint_id: `webhook_${randomBytes(6).toString('hex')}`,
      url,
      secret: `whsec_${randomBytes(18).toString('base64url')}`,
      status: 'enabled',
      events,
      username: 'e2e-team',
      created_at: new Date(Date.now() - 3_600_000).toISOString(),
    }
    this.endpoints.set(endpoint.endpoint_id, endpoint)
    return endpoint
  }

  async start() {
    this.server = createServer((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x')
        this.requests.push({
          method: req.method ?? '',
          path: url.pathname + url.search,
          apiKey: req.headers['x-api-key'] as string | undefined,
          body,
        })
        const send = (status: number, payload: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' })
          res.end(typeof payload === 'string' ? payload : JSON.stringify(payload))
        }
        if (this.failWith && (!this.failWith.method || this.failWith.method === req.method)) {
          const { status, body: failBody, delayMs = 0 } = this.failWith
          setTimeout(
            () => send(status, failBody ?? { code: status, message: `failure ${status}` }),
            delayMs,
          )
          return
        }
        if (req.headers['x-api-key'] !== this.apiKey)
          return send(401, { code: 401, message: 'Unauthorized' })
        const input = body ? (JSON.parse(body) as Record<string, unknown>) : {}
        switch (`${req.method} ${url.pathname}`) {
          case 'GET /v1/webhook/endpoint.list':
            return send(200, { data: [...this.endpoints.values()] })
          case 'GET /v1/webhook/webhook.list':
            return send(200, {
              code: 100,
              data: [
                'avatar_video.success',
                'avatar_video.fail',
                'video_translate.success',
                'video_translate.fail',
                'personalized_video',
              ],
              message: null,
            })
          case 'POST /v1/webhook/endpoint.add': {
            const created = this.seed(String(input.url), (input.events as string[] | null) ?? [])
            return send(201, created)
          }
          case 'PATCH /v1/webhook/endpoint.update': {
            const current = this.endpoints.get(String(input.endpoint_id))
            if (!current) return send(404, { code: 404, message: 'endpoint not found' })
            if (typeof input.url === 'string') current.url = input.url
            if (Array.isArray(input.events)) current.events = input.events as string[]
            return send(200, current)
          }
          case 'DELETE /v1/webhook/endpoint.delete': {
            const id = url.searchParams.get('endpoint_id') ?? ''
            return this.endpoints.delete(id)
              ? send(200, { code: 100, data: null, message: null })
              : send(404, { code: 404, message: 'endpoint not found' })
          }
          default:
            return send(404, { code: 404, message: 'no such route' })
        }
      })
    })
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve))
  }

  stop() {
    return new Promise<void>((resolve) => {
      this.server?.closeAllConnections()
      this.server?.close(() => resolve())
    })
  }
}
