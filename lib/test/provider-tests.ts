// Set-up the provider clients' and sandboxes' tests share.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, expect } from 'vitest'
import { startHttpServer } from './http-server'
import type { Db } from '../db/client'
import type { Defer } from './cleanup'
import type { DatabaseFactory } from './databases'
import { startTcpTap } from './sockets'

type HttpServer = Awaited<ReturnType<typeof startHttpServer>>

/** One scripted HTTP server for a test file, its record of requests emptied before each test. */
export function httpServerForFile(): () => HttpServer {
  let server: HttpServer | undefined
  beforeAll(async () => {
    server = await startHttpServer()
  })
  afterAll(() => server?.close())
  beforeEach(() => {
    if (server) server.requests.length = 0
  })
  return () => server!
}

/** The error `promise` rejects with, after checking it is a `type`. */
export async function rejectionOf<E extends Error>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(type)
  return error as E
}

/** A TCP tap on each loopback family, closed when the test ends. */
export async function startLoopbackTaps(defer: (close: () => Promise<void> | void) => void) {
  const v4 = await startTcpTap('127.0.0.1')
  const v6 = await startTcpTap('::1')
  defer(v4.close)
  defer(v6.close)
  return { v4, v6 }
}

/** A sandbox's outbound test: a fresh database, a TCP tap on each loopback family, its API key. */
export async function sandboxUnderTest(
  fresh: DatabaseFactory,
  defer: Defer,
  apiKeyOf: (db: Db) => Promise<string>,
) {
  const { db } = await fresh()
  const { v4, v6 } = await startLoopbackTaps(defer)
  return { db, v4, v6, apiKey: await apiKeyOf(db) }
}

/**
 * Runs `check` with a receiver that answers "ok" playing this console: PORT points at it for the
 * while, so a sandbox delivering to "its own console" reaches it.
 */
export async function withOwnReceiver(
  defer: Defer,
  check: (receiver: Awaited<ReturnType<typeof startHttpServer>>) => Promise<void>,
) {
  const receiver = await startHttpServer((_, res) => res.end('ok'))
  defer(receiver.close)
  const before = process.env.PORT
  process.env.PORT = String(receiver.port)
  try {
    await check(receiver)
  } finally {
    if (before === undefined) delete process.env.PORT
    else process.env.PORT = before
  }
}

/** Calls a sandbox's web handler with a JSON body, as the console's route would, and reads its JSON. */
export async function callJsonHandler<T>(
  handle: (req: Request) => Promise<Response>,
  url: string,
  {
    method = 'POST',
    headers,
    body,
  }: { method?: string; headers: Record<string, string>; body: unknown },
) {
  const req = new Request(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  const res = await handle(req)
  return { status: res.status, json: (await res.json()) as T }
}

/** Serves a web handler on a real socket, as the console's route does, so a real client can call it. */
export async function serveHandler(handle: (req: Request) => Promise<Response>, basePath = '') {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const answer = await handle(
      new Request(new URL(req.url ?? '/', 'http://sandbox.test'), {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      }),
    )
    res.writeHead(answer.status, Object.fromEntries(answer.headers))
    res.end(Buffer.from(await answer.arrayBuffer()))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${basePath}`
  return {
    base,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  }
}

/**
 * Points a client at a port nothing listens on any more and checks it fails as a network error
 * naming that address (`reach`, from the port); the error is returned for more checks.
 */
export async function networkFailureOf<E extends Error & { kind: string }>(
  call: (baseUrl: string) => Promise<unknown>,
  type: abstract new (...args: never[]) => E,
  reach: (port: number) => string,
): Promise<E> {
  const dead = await startHttpServer()
  await dead.close()
  const error = await rejectionOf(call(dead.url), type)
  expect(error.kind).toBe('network')
  expect(error.message).toContain(reach(dead.port))
  return error
}
