import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
// The attribute lets Node's own ESM loader (Playwright's) read the document too, not only bundlers.
import document from './openapi-webhooks.json' with { type: 'json' }

// Checks a request against Kayle's own OpenAPI document (a copy of
// docs/openapi-webhooks.json from Kayle's docs): the method and path must exist, the query
// parameters and the JSON body must match the operation's schemas. The document's request schemas
// do not say `additionalProperties: false`, but Kayle refuses fields it does not know, so every
// object schema that lists `properties` and says nothing else about extra keys is made strict here.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

interface Parameter {
  name: string
  in: 'query' | 'path' | 'header' | 'cookie'
  required?: boolean
  schema: JsonObject
}

interface Operation {
  method: string
  /** The document's path, e.g. /v1/webhooks/endpoints/{endpoint_id}. */
  path: string
  pattern: RegExp
  pathNames: string[]
  parameters: Parameter[]
  body: ValidateFunction | null
  bodyRequired: boolean
  /** The status codes the document lists for this operation. */
  statuses: string[]
  responses: Record<string, ValidateFunction>
}

const doc = document as unknown as JsonObject
const schemas = (doc.components as JsonObject).schemas as JsonObject

/** The schema with every `$ref` to #/components/schemas/... inlined (the document has no cycles). */
function inline(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(inline)
  if (!schema || typeof schema !== 'object') return schema
  const ref = schema.$ref
  if (typeof ref === 'string') {
    const name = decodeURIComponent(ref.replace('#/components/schemas/', ''))
    const target = schemas[name]
    if (!target) throw new Error(`Kayle's OpenAPI document has no schema ${name}`)
    return inline(target)
  }
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, inline(v)]))
}

/** Adds `additionalProperties: false` wherever an object lists its properties and allows nothing else explicitly. */
function strict(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(strict)
  if (!schema || typeof schema !== 'object') return schema
  const out: JsonObject = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, strict(v)]))
  if (out.properties && typeof out.properties === 'object' && !('additionalProperties' in out)) out.additionalProperties = false
  return out
}

const ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: false })
addFormats.default(ajv)
// Query strings arrive as text; their schemas are compiled with coercion ("10" -> 10, "true" -> true).
const queryAjv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: true })
addFormats.default(queryAjv)

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const operations: Operation[] = []
for (const [path, item] of Object.entries(doc.paths as JsonObject)) {
  for (const [method, raw] of Object.entries(item as JsonObject)) {
    if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue
    const op = raw as JsonObject
    const pathNames: string[] = []
    const pattern = new RegExp(
      '^' +
        path
          .split(/(\{[^}]+\})/)
          .map((part) => {
            const m = /^\{([^}]+)\}$/.exec(part)
            if (!m) return escape(part)
            pathNames.push(m[1]!)
            return '([^/]+)'
          })
          .join('') +
        '$',
    )
    const requestBody = op.requestBody as JsonObject | undefined
    const bodySchema = (((requestBody?.content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined)?.schema ?? null) as Json
    const responses: Record<string, ValidateFunction> = {}
    for (const [status, response] of Object.entries((op.responses ?? {}) as JsonObject)) {
      const schema = (((response as JsonObject).content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined)?.schema
      if (schema) responses[status] = ajv.compile(inline(schema) as object)
    }
    operations.push({
      method: method.toUpperCase(),
      path,
      pattern,
      pathNames,
      parameters: ((op.parameters ?? []) as unknown as Parameter[]).map((p) => ({ ...p, schema: inline(p.schema) as JsonObject })),
      body: bodySchema ? ajv.compile(strict(inline(bodySchema)) as object) : null,
      bodyRequired: !!requestBody?.required,
      statuses: Object.keys((op.responses ?? {}) as JsonObject),
      responses,
    })
  }
}

const paramValidators = new Map<JsonObject, ValidateFunction>()
function paramValidator(schema: JsonObject): ValidateFunction {
  let validate = paramValidators.get(schema)
  if (!validate) paramValidators.set(schema, (validate = queryAjv.compile({ type: 'object', properties: { v: schema } })))
  return validate
}

export interface KayleRequestCheck {
  /** The document's operation, when method and path exist. */
  operation: { method: string; path: string; statuses: string[] } | null
  /** Path parameters by the document's names. */
  params: Record<string, string>
  /** Every departure from the document, worded for an error message; empty when the request is valid. */
  problems: string[]
}

/**
 * Checks one request against the document. `pathname` is the path from /v1/ on; `body` is the
 * parsed JSON body, or undefined when none was sent.
 */
export function checkKayleRequest(method: string, pathname: string, search: URLSearchParams, body: unknown): KayleRequestCheck {
  const upper = method.toUpperCase()
  const onPath = operations.filter((o) => o.pattern.test(pathname))
  const op = onPath.find((o) => o.method === upper)
  if (!op) {
    const problem = onPath.length
      ? `${upper} is not documented for ${pathname} (documented: ${onPath.map((o) => o.method).join(', ')})`
      : `${pathname} is not a documented path`
    return { operation: null, params: {}, problems: [problem] }
  }
  const problems: string[] = []
  const values = op.pattern.exec(pathname)!.slice(1)
  const params = Object.fromEntries(op.pathNames.map((name, i) => [name, decodeURIComponent(values[i]!)]))
  for (const p of op.parameters) {
    const raw = p.in === 'path' ? params[p.name] : p.in === 'query' ? search.get(p.name) : null
    if (raw === null || raw === undefined) {
      if (p.required) problems.push(`${p.name} is required`)
      continue
    }
    if (p.in !== 'path' && p.in !== 'query') continue
    const holder = { v: raw as unknown }
    const validate = paramValidator(p.schema)
    if (!validate(holder)) problems.push(`${p.name}: ${ajv.errorsText(validate.errors, { dataVar: p.name }).replaceAll(`${p.name}/v`, p.name)}`)
  }
  const known = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name))
  for (const key of new Set(search.keys())) if (!known.has(key)) problems.push(`query parameter ${key} is not documented for ${upper} ${op.path}`)
  if (op.body) {
    if (body === undefined) {
      if (op.bodyRequired || (op.body.schema as JsonObject).required) problems.push('a JSON body is required')
    } else if (!op.body(body)) {
      problems.push(...(op.body.errors ?? []).map((e) => `body${e.instancePath ? e.instancePath.replaceAll('/', '.') : ''} ${e.message}${e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : ''}`))
    }
  } else if (body !== undefined && !(body && typeof body === 'object' && Object.keys(body).length === 0)) {
    problems.push(`${upper} ${op.path} takes no body`)
  }
  return { operation: { method: op.method, path: op.path, statuses: op.statuses }, params, problems }
}

/** Checks an answer against the document's schema for the operation and status; [] when it matches. */
export function checkKayleResponse(method: string, path: string, status: number, body: unknown): string[] {
  const op = operations.find((o) => o.method === method.toUpperCase() && o.path === path)
  if (!op) return [`${method} ${path} is not documented`]
  const validate = op.responses[String(status)]
  if (!validate) return op.statuses.includes(String(status)) ? [] : [`status ${status} is not documented for ${method} ${path}`]
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || 'body'} ${e.message}`)
}

/** Every documented operation, as `METHOD /path`. */
export const kayleOperations = (): string[] => operations.map((o) => `${o.method} ${o.path}`)

// The four delivered payloads (the decrypted JWE bodies), by event type, as the document names them.
const PAYLOAD_SCHEMAS: Record<string, string> = {
  'verification.session.succeeded': 'VerificationAttemptSucceededWebhookPayload',
  'verification.session.failed': 'VerificationAttemptFailedWebhookPayload',
  'verification.session.expired': 'VerificationSessionExpiredWebhookPayload',
  'verification.session.cancelled': 'VerificationSessionCancelledWebhookPayload',
}
const payloadValidators = new Map<string, ValidateFunction>()

/** Checks a decrypted payload against the document's schema for its type; [] when it matches. */
export function checkKaylePayload(payload: unknown): string[] {
  const type = payload && typeof payload === 'object' ? (payload as { type?: unknown }).type : undefined
  const name = typeof type === 'string' ? PAYLOAD_SCHEMAS[type] : undefined
  if (!name) return [`type ${String(type)} is not a documented event type`]
  let validate = payloadValidators.get(name)
  if (!validate) payloadValidators.set(name, (validate = ajv.compile(inline({ $ref: `#/components/schemas/${name}` }) as object)))
  return validate(payload) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || 'payload'} ${e.message}`)
}
