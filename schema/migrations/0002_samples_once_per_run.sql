CREATE UNIQUE INDEX "samples_run_id_subject_id_metric_key" ON "samples" USING btree ("run_id","subject_id","metric");
--> statement-breakpoint
COMMENT ON INDEX "samples_run_id_subject_id_metric_key" IS 'One figure per series per collection run, so a batch run twice stores nothing twice.';
