CREATE TABLE IF NOT EXISTS "receiver_answers" (
	"provider" text PRIMARY KEY NOT NULL,
	"status" integer NOT NULL,
	"remaining" integer,
	"percent" integer,
	"delay_ms" integer DEFAULT 0 NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"content_type" text DEFAULT 'application/json' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN IF NOT EXISTS "answer" jsonb;
