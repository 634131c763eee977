ALTER TABLE "samples" DROP CONSTRAINT "samples_subject_id_subjects_id_fk";
--> statement-breakpoint
DROP INDEX "samples_run_id_subject_id_metric_key";
--> statement-breakpoint
-- Hand-written from here. series keeps each series' newest sample (and the run that
-- wrote it), so the latest week's figure is read there instead of searched for in
-- samples, and one observed sample per series per run is kept without an index.
ALTER TABLE "series" ADD COLUMN "last_value" bigint;
--> statement-breakpoint
ALTER TABLE "series" ADD COLUMN "last_origin" text;
--> statement-breakpoint
ALTER TABLE "series" ADD COLUMN "last_run_id" bigint;
--> statement-breakpoint
DELETE FROM "series";
--> statement-breakpoint
INSERT INTO "series" (subject_id, metric, first_observed_at, last_observed_at, last_value, last_origin, last_run_id)
SELECT f.subject_id, f.metric, f.first_observed_at, l.observed_at, l.value, l.origin,
       CASE WHEN l.origin = 'observed' THEN l.run_id END
FROM (SELECT subject_id, metric, min(observed_at) AS first_observed_at FROM samples GROUP BY subject_id, metric) f
CROSS JOIN LATERAL (
  SELECT x.observed_at, x.value, x.origin, x.run_id FROM samples x
  WHERE x.subject_id = f.subject_id AND x.metric = f.metric
  ORDER BY x.observed_at DESC LIMIT 1
) l;
--> statement-breakpoint
-- The rollup now holds only the weeks before each series' latest one.
DELETE FROM weekly_samples r USING series se
WHERE r.subject_id = se.subject_id AND r.metric = se.metric
  AND r.week_start >= date_trunc('week', se.last_observed_at AT TIME ZONE 'UTC');
--> statement-breakpoint
ALTER TABLE "series" ALTER COLUMN "last_value" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "series" ALTER COLUMN "last_origin" SET NOT NULL;
--> statement-breakpoint
-- Every observed write updates its series and the subjects it saw: with room left on
-- each page, those updates stay on the page (HOT) and leave the indexes alone.
ALTER TABLE "series" SET (fillfactor = 50);
--> statement-breakpoint
ALTER TABLE "subjects" SET (fillfactor = 50);
--> statement-breakpoint
-- Deleting subjects deletes what was collected about them, once per statement (the
-- foreign key did it row by row, and checked every inserted sample).
CREATE FUNCTION "subjects_delete_cascade"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM samples WHERE subject_id IN (SELECT id FROM gone);
  DELETE FROM series WHERE subject_id IN (SELECT id FROM gone);
  DELETE FROM weekly_samples WHERE subject_id IN (SELECT id FROM gone);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "subjects_delete_cascade" AFTER DELETE ON "subjects"
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION "subjects_delete_cascade"();
--> statement-breakpoint
-- Rollups of subjects deleted while there was no cascade for them.
DELETE FROM weekly_samples WHERE NOT EXISTS (SELECT 1 FROM subjects s WHERE s.id = weekly_samples.subject_id);
--> statement-breakpoint
DELETE FROM series WHERE NOT EXISTS (SELECT 1 FROM subjects s WHERE s.id = series.subject_id);
--> statement-breakpoint
CREATE OR REPLACE VIEW "latest_metrics" AS
SELECT s.kind, s.key, s.label, se.metric, se.last_value AS value, se.last_observed_at AS observed_at
FROM series se
JOIN subjects s ON s.id = se.subject_id
ORDER BY se.subject_id, se.metric;
--> statement-breakpoint
-- The rollup holds the weeks before each series' latest week; the latest week's figure,
-- which changes with every sample, is the series' newest sample.
CREATE OR REPLACE VIEW "weekly_metrics" AS
SELECT
  s.kind, s.key, s.label, se.metric,
  to_char(w.week_start, 'IYYY-"W"IW') AS week,
  w.week_start::date AS week_start,
  cur.value,
  prev.value AS previous_value,
  cur.value - prev.value AS delta,
  CASE WHEN prev.value IS NULL OR prev.value = 0 THEN NULL
       ELSE round(100.0 * (cur.value - prev.value) / prev.value, 2) END AS growth_pct,
  cur.observed_at
-- Every week from the oldest series' first to the current one (or the newest sample's,
-- if later), joined to the series alive in it: a filter on the week narrows this list
-- first, instead of being tried on every week of every series.
FROM generate_series(
  (SELECT date_trunc('week', min(first_observed_at) AT TIME ZONE 'UTC') FROM series),
  date_trunc('week', greatest((SELECT max(last_observed_at) FROM series), now()) AT TIME ZONE 'UTC'),
  interval '1 week') AS w(week_start)
JOIN series se ON date_trunc('week', se.first_observed_at AT TIME ZONE 'UTC') <= w.week_start
  AND w.week_start <= date_trunc('week', greatest(se.last_observed_at, now()) AT TIME ZONE 'UTC')
JOIN subjects s ON s.id = se.subject_id
CROSS JOIN LATERAL (SELECT date_trunc('week', se.last_observed_at AT TIME ZONE 'UTC') AS latest_week) l
-- The last sample before the week ends: the newest sample from the series' latest week
-- on, else the last one of the latest earlier week that has one.
CROSS JOIN LATERAL (
  SELECT se.last_value AS value, se.last_observed_at AS observed_at WHERE w.week_start >= l.latest_week
  UNION ALL
  (SELECT r.value, r.observed_at FROM weekly_samples r
   WHERE w.week_start < l.latest_week AND r.subject_id = se.subject_id AND r.metric = se.metric AND r.week_start <= w.week_start::date
   ORDER BY r.week_start DESC LIMIT 1)
) cur
LEFT JOIN LATERAL (
  SELECT se.last_value AS value WHERE w.week_start - interval '7 days' >= l.latest_week
  UNION ALL
  (SELECT r.value FROM weekly_samples r
   WHERE w.week_start - interval '7 days' < l.latest_week AND r.subject_id = se.subject_id AND r.metric = se.metric AND r.week_start < w.week_start::date
   ORDER BY r.week_start DESC LIMIT 1)
) prev ON true;
--> statement-breakpoint
COMMENT ON VIEW "weekly_metrics" IS 'One row per series and ISO week (Monday 00:00 UTC): value = last sample before the week ends, previous_value = the same for the week before, delta = value - previous_value, growth_pct = round(100 * delta / previous_value, 2) (NULL when previous_value is NULL or 0); observed_at is when the value used was sampled, so stale figures show.';
--> statement-breakpoint
COMMENT ON TABLE "series" IS 'Internal, kept by the collector: every series (subject and metric) with the time span of its samples and its newest sample.';
--> statement-breakpoint
COMMENT ON COLUMN "series"."last_observed_at" IS 'When the newest sample was taken; last_value and last_origin are its value and origin.';
--> statement-breakpoint
COMMENT ON COLUMN "series"."last_run_id" IS 'The run of the last observed write: a series takes one observed sample per run.';
--> statement-breakpoint
COMMENT ON TABLE "weekly_samples" IS 'Internal rollup kept by the collector: the last sample of each series in each ISO week before the series'' latest week (week_start is its Monday); the latest week''s is series.last_value.';
--> statement-breakpoint
COMMENT ON COLUMN "samples"."subject_id" IS 'References subjects.id; deleting a subject deletes its samples.';
