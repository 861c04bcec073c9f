import { sql } from 'drizzle-orm'
import { bigint, bigserial, boolean, customType, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' })

/** Small key/value store for console state: the sandbox key, receiver policy and the like. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})
export type Setting = typeof settings.$inferSelect

/** Endpoints held by the built-in KonPro sandbox (the embedded default). */
export const sandboxEndpoints = pgTable('sandbox_endpoints', {
  endpointId: text('endpoint_id').primaryKey(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  status: text('status').notNull().default('enabled'),
  events: jsonb('events').$type<string[] | null>(),
  entityId: text('entity_id'),
  username: text('username').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})
export type SandboxEndpoint = typeof sandboxEndpoints.$inferSelect

/** Every request the receiver answered, stored before the answer is sent. */
export const events = pgTable(
  'events',
  {
    // Monotonic: the live log's cursor and the SSE `id:`.
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    provider: text('provider').notNull().default('konpro'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    method: text('method').notNull(),
    sourceIp: text('source_ip'),
    contentType: text('content_type'),
    size: integer('size').notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull(),
    body: bytea('body').notNull(),
    payload: jsonb('payload'),
    // 'ok' | 'invalid_json' | 'invalid_utf8' | 'empty'
    parseStatus: text('parse_status').notNull(),
    eventType: text('event_type'),
    videoId: text('video_id'),
    callbackId: text('callback_id'),
    videoTranslateId: text('video_translate_id'),
    projectId: text('project_id'),
    // 'verified' | 'invalid' | 'unsigned' | 'no_secret'
    verdict: text('verdict').notNull(),
    rejected: boolean('rejected').notNull().default(false),
    responseStatus: integer('response_status').notNull(),
    endpointId: text('endpoint_id'),
    dedupeKey: text('dedupe_key').notNull(),
    duplicateOf: bigint('duplicate_of', { mode: 'number' }),
  },
  (t) => [
    index('events_received_at_idx').on(t.receivedAt.desc(), t.id.desc()),
    index('events_type_idx').on(t.eventType, t.id.desc()),
    index('events_verdict_idx').on(t.verdict, t.id.desc()),
    index('events_provider_idx').on(t.provider, t.id.desc()),
    index('events_dedupe_idx').on(t.dedupeKey, t.receivedAt),
  ],
)
export type StoredEvent = typeof events.$inferSelect
export type NewStoredEvent = typeof events.$inferInsert

/** Results of the sandbox's "Send test event" deliveries. */
export const sandboxDeliveries = pgTable(
  'sandbox_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    endpointId: text('endpoint_id').notNull(),
    url: text('url').notNull(),
    eventType: text('event_type').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [index('sandbox_deliveries_created_idx').on(t.createdAt.desc())],
)
export type SandboxDelivery = typeof sandboxDeliveries.$inferSelect

/** People who may use the console. */
export const users = pgTable('users', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  // 'admin' | 'viewer'
  role: text('role').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})
export type User = typeof users.$inferSelect

/** Signed-in browsers. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

/** Append-only record of who did what; nothing in the console edits or deletes it. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: bigint('actor_id', { mode: 'number' }),
    actorEmail: text('actor_email'),
    ip: text('ip'),
    action: text('action').notNull(),
    target: text('target'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at.desc()),
    index('audit_log_action_idx').on(t.action, t.at.desc()),
    index('audit_log_ip_idx').on(t.ip, t.at.desc()),
    index('audit_log_actor_email_idx').on(t.actorEmail, t.at.desc()),
  ],
)
export type AuditEntry = typeof auditLog.$inferSelect
