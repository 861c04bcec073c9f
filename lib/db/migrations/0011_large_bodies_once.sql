-- Large bodies are stored once. A payload that is the body's own JSON (a KonPro delivery) is kept
-- beside the body as jsonb only for small bodies; for a large one the queries that need it (the
-- field filter) derive it from the body with body_json(), and the detail page parses the body.
-- body_json answers NULL for a body PostgreSQL's jsonb refuses (a \u0000 in a string, say) instead
-- of failing the whole query.
CREATE OR REPLACE FUNCTION body_json(body bytea) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN convert_from(body, 'UTF8')::jsonb;
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- lz4 compresses a large body several times faster than the default pglz, where the server was
-- built with it (PostgreSQL 15 from Debian is; the embedded binaries are not, and keep pglz).
-- Rows stored before keep their compression until rewritten.
DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE "events" ALTER COLUMN "body" SET COMPRESSION lz4;
    ALTER TABLE "events" ALTER COLUMN "payload" SET COMPRESSION lz4;
  END IF;
END
$$;
