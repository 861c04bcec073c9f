import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

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
    // 'ok' | 'invalid_json' | 'invalid_utf8' | 'empty' | 'undecryptable' | 'too_deep' (an encrypted Kayle delivery
    // that no stored private key opens, or that was refused before decrypting)
    parseStatus: text('parse_status').notNull(),
    eventType: text('event_type'),
    // The provider's own ids for the delivery, under its names (KonPro: video_id, callback_id,
    // video_translate_id, project_id); only the ones it carried.
    correlation: jsonb('correlation').$type<Record<string, string>>().notNull().default({}),
    // 'verified' | 'invalid' | 'unsigned' | 'no_secret'
    verdict: text('verdict').notNull(),
    rejected: boolean('rejected').notNull().default(false),
    responseStatus: integer('response_status').notNull(),
    endpointId: text('endpoint_id'),
    dedupeKey: text('dedupe_key').notNull(),
    duplicateOf: bigint('duplicate_of', { mode: 'number' }),
    // What a test answer rule (receiver_answers) made the receiver answer; null: no rule answered.
    answer: jsonb('answer').$type<RecordedAnswer>(),
  },
  (t) => [
    index('events_received_at_idx').on(t.receivedAt.desc(), t.id.desc()),
    index('events_type_idx').on(t.eventType, t.id.desc()),
    index('events_verdict_idx').on(t.verdict, t.id.desc()),
    index('events_provider_idx').on(t.provider, t.id.desc()),
    // An endpoint's page counts its deliveries by answer and lists its latest; the log filters by it.
    index('events_endpoint_idx').on(t.endpointId, t.id.desc()),
  ],
)
export type StoredEvent = typeof events.$inferSelect

/** The answer a rule chose for one delivery; `left` is what a "next N" rule had left after it. */
export interface RecordedAnswer {
  status: number
  delay_ms: number
  rule:
    | { mode: 'count'; left: number }
    | { mode: 'percent'; percent: number }
    | { mode: 'until_cleared' }
    | null
}
export type NewStoredEvent = typeof events.$inferInsert

/**
 * The first copy of each delivery within the last day, by dedupe key: marking a redelivery is one
 * primary-key lookup. A row whose event is gone (purged, log cleared) or older than a day is
 * replaced by the next copy.
 */
export const eventFirstCopies = pgTable('event_first_copies', {
  dedupeKey: text('dedupe_key').primaryKey(),
  eventId: bigint('event_id', { mode: 'number' }).notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
})

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
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
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
/**
 * Sign-in attempts per account and per address in the current window, counted before the password
 * is checked (one upsert, which holds the row lock), so parallel guesses cannot all be evaluated.
 */
export const signInThrottle = pgTable('sign_in_throttle', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull().defaultNow(),
  attempts: integer('attempts').notNull().default(0),
})

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

/** Kayle signing secrets the console keeps to verify deliveries, sealed (lib/crypto/seal.ts). */
export const kayleSecrets = pgTable('kayle_secrets', {
  endpointId: text('endpoint_id').primaryKey(),
  secretSealed: text('secret_sealed').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})
export type KayleSecretRow = typeof kayleSecrets.$inferSelect

/** The console's encryption key pairs for Kayle endpoints; Kayle holds only the public half. */
export const kayleKeys = pgTable(
  'kayle_keys',
  {
    keyId: text('key_id').primaryKey(),
    endpointId: text('endpoint_id').notNull(),
    publicJwk: jsonb('public_jwk').$type<JsonWebKey>().notNull(),
    privateKeySealed: text('private_key_sealed').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
  },
  (t) => [index('kayle_keys_endpoint_idx').on(t.endpointId, t.createdAt)],
)
export type KayleKeyRow = typeof kayleKeys.$inferSelect

/** Endpoints held by the built-in Kayle sandbox. `seq` orders pages and backs the cursor. */
export const kayleSandboxEndpoints = pgTable(
  'kayle_sandbox_endpoints',
  {
    id: text('id').primaryKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    organizationId: text('organization_id').notNull(),
    name: text('name'),
    labels: jsonb('labels').$type<string[]>().notNull(),
    url: text('url').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    subscribedEventTypes: jsonb('subscribed_event_types').$type<string[]>().notNull(),
    retentionHours: integer('retention_hours').notNull().default(72),
    secretSealed: text('secret_sealed').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('kayle_sandbox_endpoints_seq_idx').on(t.seq)],
)
export type KayleSandboxEndpoint = typeof kayleSandboxEndpoints.$inferSelect

/** Public keys registered with the Kayle sandbox; deliveries are encrypted for the newest active one. */
export const kayleSandboxKeys = pgTable(
  'kayle_sandbox_keys',
  {
    keyId: text('key_id').primaryKey(),
    endpointId: text('endpoint_id').notNull(),
    publicJwk: jsonb('public_jwk').$type<JsonWebKey>().notNull(),
    // 'active' | 'inactive'
    status: text('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
  },
  (t) => [index('kayle_sandbox_keys_endpoint_idx').on(t.endpointId, t.createdAt)],
)
export type KayleSandboxKey = typeof kayleSandboxKeys.$inferSelect

/** Deliveries the Kayle sandbox made; the encrypted body and headers are kept so retry re-sends them. */
export const kayleSandboxDeliveries = pgTable(
  'kayle_sandbox_deliveries',
  {
    id: text('id').primaryKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    endpointId: text('endpoint_id').notNull(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    // 'pending' | 'succeeded' | 'failed'
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    body: text('body').notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('kayle_sandbox_deliveries_seq_idx').on(t.seq.desc()),
    index('kayle_sandbox_deliveries_endpoint_idx').on(t.endpointId, t.seq.desc()),
    index('kayle_sandbox_deliveries_event_idx').on(t.eventId),
    index('kayle_sandbox_deliveries_status_idx').on(t.status, t.seq.desc()),
  ],
)
export type KayleSandboxDelivery = typeof kayleSandboxDeliveries.$inferSelect

/**
 * Personal access tokens (`kpt_…`) for the command-line forwarder: read-only, and only for the live
 * stream and delivery bodies. Only a keyed hash of the token is stored, like session tokens.
 */
export const accessTokens = pgTable(
  'access_tokens',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    // The first characters, shown in the list so a person can tell tokens apart.
    prefix: text('prefix').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('access_tokens_user_idx').on(t.userId, t.createdAt.desc())],
)
export type AccessToken = typeof accessTokens.$inferSelect

/** Each "Send again" of a stored delivery and what the target answered. */
export const replayAttempts = pgTable(
  'replay_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    // 'original' | 'resigned'
    mode: text('mode').notNull(),
    // The endpoint whose secret signed a re-signed attempt (its id, never the secret).
    signedWith: text('signed_with'),
    actorEmail: text('actor_email'),
    status: integer('status'),
    error: text('error'),
    responseHeaders: jsonb('response_headers').$type<Record<string, string>>(),
    // The first KiB of the answer, as text.
    responseBody: text('response_body'),
    latencyMs: integer('latency_ms').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('replay_attempts_event_idx').on(t.eventId, t.createdAt.desc())],
)
export type ReplayAttempt = typeof replayAttempts.$inferSelect

/**
 * Hosts an admin allowed under Settings for outbound requests although they resolve to private
 * or loopback addresses (lib/net/allowed-hosts.ts). `hostname` is kept as the URL parser writes
 * it (IPv6 in brackets); a null port allows every port.
 */
export const outboundAllowedHosts = pgTable(
  'outbound_allowed_hosts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    hostname: text('hostname').notNull(),
    port: integer('port'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by'),
  },
  (t) => [
    uniqueIndex('outbound_allowed_hosts_host_port_idx').on(t.hostname, sql`coalesce(${t.port}, 0)`),
  ],
)
export type OutboundAllowedHost = typeof outboundAllowedHosts.$inferSelect

/**
 * Per receiver, the answer an admin set for testing a sender's retries: `remaining` deliveries
 * (null: until cleared), or a `percent` of them, get `status` and `body` after `delay_ms`.
 */
export const receiverAnswers = pgTable('receiver_answers', {
  provider: text('provider').primaryKey(),
  status: integer('status').notNull(),
  remaining: integer('remaining'),
  percent: integer('percent'),
  delayMs: integer('delay_ms').notNull().default(0),
  body: text('body').notNull().default(''),
  contentType: text('content_type').notNull().default('application/json'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
})
export type ReceiverAnswer = typeof receiverAnswers.$inferSelect

/**
 * A person's named filter sets for /events ("Failed renders last 24h"). `query` is the canonical
 * search string of the filters (`filtersToSearchParams(filters).toString()`), so opening a view is
 * navigating to it. Names are unique per person; views go with their owner.
 */
export const savedViews = pgTable(
  'saved_views',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    query: text('query').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('saved_views_user_name_idx').on(t.userId, t.name),
    check('saved_views_name_length', sql`char_length(${t.name}) BETWEEN 1 AND 80`),
  ],
)
export type SavedView = typeof savedViews.$inferSelect
