-- The first copy of each delivery (by dedupe key), so marking a redelivery is one primary-key
-- lookup whatever the number of rows or copies. It replaces the (dedupe_key, received_at) index,
-- whose plan depended on statistics (a scan of the primary key at 23 ms a delivery).
CREATE TABLE "event_first_copies" (
	"dedupe_key" text PRIMARY KEY NOT NULL,
	"event_id" bigint NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
INSERT INTO "event_first_copies" ("dedupe_key", "event_id", "received_at")
SELECT DISTINCT ON ("dedupe_key") "dedupe_key", "id", "received_at" FROM "events"
WHERE "duplicate_of" IS NULL AND "received_at" > now() - interval '24 hours'
ORDER BY "dedupe_key", "id";
--> statement-breakpoint
DROP INDEX IF EXISTS "events_dedupe_idx";
