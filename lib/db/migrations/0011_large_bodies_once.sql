-- Large bodies are stored once. A payload that is the body's own JSON (a KonPro delivery) is kept
-- beside the body as jsonb only for small bodies; for a large one the queries that need it (the
-- field filter) derive it from the body with body_json(), and the detail page parses the body.
-- body_json reads the body as the receiver's parser does: a \u0000 escape, which jsonb refuses,
-- becomes U+FFFD (lib/webhooks/parse.ts does the same for the stored copy); a body jsonb still
-- refuses (a lone surrogate, say) answers NULL instead of failing the whole query. Not marked
-- parallel safe: its exception blocks are subtransactions, which a parallel worker cannot start.
CREATE OR REPLACE FUNCTION body_json(body bytea) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  text_body text;
BEGIN
  text_body := convert_from(body, 'UTF8');
  BEGIN
    RETURN text_body::jsonb;
  EXCEPTION WHEN others THEN
    RETURN replace(text_body, '\u0000', '\ufffd')::jsonb;
  END;
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
