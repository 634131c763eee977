ALTER TABLE "collection_failures" ADD COLUMN "metric" text;--> statement-breakpoint
COMMENT ON COLUMN "collection_failures"."metric" IS 'The one metric that failed while the subject''s other figures were stored (a field the upstream left out or refused); NULL when the whole subject failed.';
