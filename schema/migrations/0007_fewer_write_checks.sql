ALTER TABLE "samples" DROP CONSTRAINT "samples_run_id_collection_runs_id_fk";
--> statement-breakpoint
ALTER TABLE "series" DROP CONSTRAINT "series_subject_id_subjects_id_fk";
--> statement-breakpoint
ALTER TABLE "weekly_samples" DROP CONSTRAINT "weekly_samples_subject_id_subjects_id_fk";
--> statement-breakpoint
COMMENT ON COLUMN "series"."last_observed_at" IS 'A sample of the series'' latest week (kept to the week, so most writes leave it alone).';
