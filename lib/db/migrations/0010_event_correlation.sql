-- A provider's own ids for a delivery (KonPro's video_id, callback_id, video_translate_id and
-- project_id) move from four KonPro-only columns into one object, so the shared table holds any
-- provider's. Each stored row keeps the ids it had, under the provider's names, nulls left out.
-- No index goes: every filter and the search read the payload and the body, never these columns.
-- Safe to run again: the copy happens only while the old columns exist.
ALTER TABLE "events" ADD COLUMN IF NOT EXISTS "correlation" jsonb DEFAULT '{}'::jsonb NOT NULL;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'events' AND column_name = 'video_id') THEN
    EXECUTE $copy$
      UPDATE "events" SET "correlation" = jsonb_strip_nulls(jsonb_build_object(
        'video_id', "video_id",
        'callback_id', "callback_id",
        'video_translate_id', "video_translate_id",
        'project_id', "project_id"))
      WHERE coalesce("video_id", "callback_id", "video_translate_id", "project_id") IS NOT NULL
    $copy$;
  END IF;
END
$$;
--> statement-breakpoint
ALTER TABLE "events" DROP COLUMN IF EXISTS "video_id";
--> statement-breakpoint
ALTER TABLE "events" DROP COLUMN IF EXISTS "callback_id";
--> statement-breakpoint
ALTER TABLE "events" DROP COLUMN IF EXISTS "video_translate_id";
--> statement-breakpoint
ALTER TABLE "events" DROP COLUMN IF EXISTS "project_id";
