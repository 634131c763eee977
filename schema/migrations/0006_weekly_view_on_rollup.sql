-- Hand-written: fill the series and weekly rollup tables from the samples already
-- stored, and serve weekly_metrics from them (same columns, same figures).
-- The rollup's key carries the figure itself, so a week's lookup never visits the table.
ALTER TABLE "weekly_samples" DROP CONSTRAINT "weekly_samples_subject_id_metric_week_start_pk";
--> statement-breakpoint
ALTER TABLE "weekly_samples" ADD CONSTRAINT "weekly_samples_subject_id_metric_week_start_pk"
  PRIMARY KEY ("subject_id", "metric", "week_start") INCLUDE ("value", "observed_at", "origin");
--> statement-breakpoint
INSERT INTO series (subject_id, metric, first_observed_at, last_observed_at)
SELECT subject_id, metric, min(observed_at), max(observed_at) FROM samples GROUP BY subject_id, metric;
--> statement-breakpoint
INSERT INTO weekly_samples (subject_id, metric, week_start, observed_at, value, origin)
SELECT DISTINCT ON (subject_id, metric, date_trunc('week', observed_at AT TIME ZONE 'UTC'))
  subject_id, metric, date_trunc('week', observed_at AT TIME ZONE 'UTC')::date, observed_at, value, origin
FROM samples
ORDER BY subject_id, metric, date_trunc('week', observed_at AT TIME ZONE 'UTC'), observed_at DESC;
--> statement-breakpoint
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
FROM series se
JOIN subjects s ON s.id = se.subject_id
CROSS JOIN LATERAL generate_series(
  date_trunc('week', se.first_observed_at AT TIME ZONE 'UTC'),
  date_trunc('week', greatest(se.last_observed_at, now()) AT TIME ZONE 'UTC'),
  interval '1 week') AS w(week_start)
-- The last sample before the week ends is the last one of the latest week that has one.
CROSS JOIN LATERAL (
  SELECT r.value, r.observed_at FROM weekly_samples r
  WHERE r.subject_id = se.subject_id AND r.metric = se.metric AND r.week_start <= w.week_start::date
  ORDER BY r.week_start DESC LIMIT 1
) cur
LEFT JOIN LATERAL (
  SELECT r.value FROM weekly_samples r
  WHERE r.subject_id = se.subject_id AND r.metric = se.metric AND r.week_start < w.week_start::date
  ORDER BY r.week_start DESC LIMIT 1
) prev ON true;
--> statement-breakpoint
COMMENT ON VIEW "weekly_metrics" IS 'One row per series and ISO week (Monday 00:00 UTC): value = last sample before the week ends, previous_value = the same for the week before, delta = value - previous_value, growth_pct = round(100 * delta / previous_value, 2) (NULL when previous_value is NULL or 0); observed_at is when the value used was sampled, so stale figures show.';
--> statement-breakpoint
COMMENT ON TABLE "series" IS 'Internal, kept by the collector: every series (subject and metric) with the time span of its samples.';
--> statement-breakpoint
COMMENT ON TABLE "weekly_samples" IS 'Internal rollup kept by the collector: the last sample of each series in each ISO week (week_start is its Monday), so weekly figures are lookups.';
