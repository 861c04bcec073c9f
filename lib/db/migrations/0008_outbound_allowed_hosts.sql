-- Hosts an admin allowed under Settings for outbound requests (replays, the sandboxes' sends)
-- although they resolve to private or loopback addresses. A null port allows every port; the
-- unique index counts it as port 0, which no entry can name, so each host and port is listed once.
CREATE TABLE IF NOT EXISTS "outbound_allowed_hosts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"hostname" text NOT NULL,
	"port" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "outbound_allowed_hosts_host_port_idx" ON "outbound_allowed_hosts" USING btree ("hostname",coalesce("port", 0));
