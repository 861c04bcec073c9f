CREATE TABLE "kayle_keys" (
	"key_id" text PRIMARY KEY NOT NULL,
	"endpoint_id" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"private_key_sealed" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deactivated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "kayle_sandbox_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"endpoint_id" text NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_status_code" integer,
	"next_attempt_at" timestamp with time zone,
	"body" text NOT NULL,
	"headers" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kayle_sandbox_endpoints" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"organization_id" text NOT NULL,
	"name" text,
	"labels" jsonb NOT NULL,
	"url" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"subscribed_event_types" jsonb NOT NULL,
	"retention_hours" integer DEFAULT 72 NOT NULL,
	"secret_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "kayle_sandbox_keys" (
	"key_id" text PRIMARY KEY NOT NULL,
	"endpoint_id" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deactivated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "kayle_secrets" (
	"endpoint_id" text PRIMARY KEY NOT NULL,
	"secret_sealed" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "kayle_keys_endpoint_idx" ON "kayle_keys" USING btree ("endpoint_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "kayle_sandbox_deliveries_seq_idx" ON "kayle_sandbox_deliveries" USING btree ("seq" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "kayle_sandbox_deliveries_endpoint_idx" ON "kayle_sandbox_deliveries" USING btree ("endpoint_id","seq" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "kayle_sandbox_deliveries_event_idx" ON "kayle_sandbox_deliveries" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "kayle_sandbox_deliveries_status_idx" ON "kayle_sandbox_deliveries" USING btree ("status","seq" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "kayle_sandbox_endpoints_seq_idx" ON "kayle_sandbox_endpoints" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "kayle_sandbox_keys_endpoint_idx" ON "kayle_sandbox_keys" USING btree ("endpoint_id","created_at");