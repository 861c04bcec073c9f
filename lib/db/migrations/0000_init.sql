CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"provider" text DEFAULT 'konpro' NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"method" text NOT NULL,
	"source_ip" text,
	"content_type" text,
	"size" integer NOT NULL,
	"headers" jsonb NOT NULL,
	"body" "bytea" NOT NULL,
	"payload" jsonb,
	"parse_status" text NOT NULL,
	"event_type" text,
	"video_id" text,
	"callback_id" text,
	"video_translate_id" text,
	"project_id" text,
	"verdict" text NOT NULL,
	"rejected" boolean DEFAULT false NOT NULL,
	"response_status" integer NOT NULL,
	"endpoint_id" text,
	"dedupe_key" text NOT NULL,
	"duplicate_of" bigint
);
--> statement-breakpoint
CREATE TABLE "sandbox_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"endpoint_id" text NOT NULL,
	"url" text NOT NULL,
	"event_type" text NOT NULL,
	"status_code" integer,
	"error" text,
	"duration_ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_endpoints" (
	"endpoint_id" text PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"status" text DEFAULT 'enabled' NOT NULL,
	"events" jsonb,
	"entity_id" text,
	"username" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "events_received_at_idx" ON "events" USING btree ("received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "events_type_idx" ON "events" USING btree ("event_type","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "events_verdict_idx" ON "events" USING btree ("verdict","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "events_provider_idx" ON "events" USING btree ("provider","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "events_dedupe_idx" ON "events" USING btree ("dedupe_key","received_at");--> statement-breakpoint
CREATE INDEX "sandbox_deliveries_created_idx" ON "sandbox_deliveries" USING btree ("created_at" DESC NULLS LAST);