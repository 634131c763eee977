ALTER TABLE "collection_runs" ADD COLUMN "job_key" text;
--> statement-breakpoint
ALTER TABLE "collection_runs" ADD CONSTRAINT "collection_runs_job_key_key" UNIQUE("job_key");
--> statement-breakpoint
COMMENT ON COLUMN "collection_runs"."job_key" IS 'The queue job of a round (queue and job id), so a round picked up twice records one run; NULL for command-line rounds.';
