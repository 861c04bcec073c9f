-- An endpoint's page counts the deliveries that verified with its secret by answer and lists the
-- latest; the log filters by endpoint too. Without this they read the whole table.
CREATE INDEX IF NOT EXISTS "events_endpoint_idx" ON "events" USING btree ("endpoint_id","id" DESC NULLS LAST);
