DROP INDEX "samples_run_id_subject_id_metric_key";
--> statement-breakpoint
CREATE UNIQUE INDEX "samples_run_id_subject_id_metric_key" ON "samples" USING btree ("run_id","subject_id","metric") WHERE origin = 'observed';
--> statement-breakpoint
COMMENT ON INDEX "samples_run_id_subject_id_metric_key" IS 'One observed figure per series per collection run, so a batch run twice stores nothing twice (backfill runs store many days per series).';
