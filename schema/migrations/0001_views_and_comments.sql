-- Hand-written: the SQL surface users query (views) and its documentation (COMMENT ON).
ALTER TABLE "subjects" ADD CONSTRAINT "subjects_status_check" CHECK ("status" IN ('active', 'not_found'));
--> statement-breakpoint
ALTER TABLE "samples" ADD CONSTRAINT "samples_origin_check" CHECK ("origin" IN ('observed', 'backfill'));
--> statement-breakpoint
ALTER TABLE "collection_runs" ADD CONSTRAINT "collection_runs_status_check" CHECK ("status" IN ('running', 'ok', 'partial', 'failed'));
--> statement-breakpoint
CREATE VIEW "latest_metrics" AS
SELECT DISTINCT ON (x.subject_id, x.metric)
  s.kind, s.key, s.label, x.metric, x.value, x.observed_at
FROM samples x
JOIN subjects s ON s.id = x.subject_id
ORDER BY x.subject_id, x.metric, x.observed_at DESC;
--> statement-breakpoint
CREATE VIEW "daily_metrics" AS
SELECT DISTINCT ON (x.subject_id, x.metric, (x.observed_at AT TIME ZONE 'UTC')::date)
  s.kind, s.key, s.label, x.metric, (x.observed_at AT TIME ZONE 'UTC')::date AS day, x.value
FROM samples x
JOIN subjects s ON s.id = x.subject_id
ORDER BY x.subject_id, x.metric, (x.observed_at AT TIME ZONE 'UTC')::date, x.observed_at DESC;
--> statement-breakpoint
-- One row per series and ISO week, from the week of its first sample to the current
-- week (or the week of its newest sample, if that is later): a series that stopped
-- being collected keeps showing its last figure, and observed_at shows how old it is.
CREATE VIEW "weekly_metrics" AS
WITH series AS (
  SELECT subject_id, metric,
         date_trunc('week', min(observed_at) AT TIME ZONE 'UTC') AS first_week,
         date_trunc('week', greatest(max(observed_at), now()) AT TIME ZONE 'UTC') AS last_week
  FROM samples
  GROUP BY subject_id, metric
)
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
CROSS JOIN LATERAL generate_series(se.first_week, se.last_week, interval '1 week') AS w(week_start)
CROSS JOIN LATERAL (
  SELECT x.value, x.observed_at FROM samples x
  WHERE x.subject_id = se.subject_id AND x.metric = se.metric
    AND x.observed_at < (w.week_start + interval '7 days') AT TIME ZONE 'UTC'
  ORDER BY x.observed_at DESC LIMIT 1
) cur
LEFT JOIN LATERAL (
  SELECT x.value FROM samples x
  WHERE x.subject_id = se.subject_id AND x.metric = se.metric
    AND x.observed_at < w.week_start AT TIME ZONE 'UTC'
  ORDER BY x.observed_at DESC LIMIT 1
) prev ON true;
--> statement-breakpoint
COMMENT ON TABLE "subjects" IS 'Everything OSS Pulse watches: one row per (kind, key), e.g. (github_repo, meta-llama/llama) or (github_search, gpt-4).';
--> statement-breakpoint
COMMENT ON COLUMN "subjects"."kind" IS 'github_repo, github_search, hf_model, modelscope_model, npm_package or pypi_package.';
--> statement-breakpoint
COMMENT ON COLUMN "subjects"."key" IS 'The name as the upstream spells it now (owner/name, org/name, package name) or the search query text; moves on renames.';
--> statement-breakpoint
COMMENT ON COLUMN "subjects"."label" IS 'Display name used in reports (the configured label, else the key).';
--> statement-breakpoint
COMMENT ON COLUMN "subjects"."external_id" IS 'Upstream identity that survives renames: GitHub databaseId, Hugging Face _id; NULL where the upstream has none.';
--> statement-breakpoint
COMMENT ON COLUMN "subjects"."status" IS 'active, or not_found when the upstream last answered that the subject does not exist.';
--> statement-breakpoint
COMMENT ON COLUMN "subjects"."aliases" IS 'Earlier keys of this subject (old names before a rename, or the configured spelling).';
--> statement-breakpoint
COMMENT ON COLUMN "subjects"."first_seen_at" IS 'When the collector first recorded this subject.';
--> statement-breakpoint
COMMENT ON COLUMN "subjects"."last_seen_at" IS 'When the upstream last answered with figures for this subject; NULL if it never did.';
--> statement-breakpoint
COMMENT ON TABLE "samples" IS 'The time series: one value of one metric of one subject at one instant.';
--> statement-breakpoint
COMMENT ON COLUMN "samples"."subject_id" IS 'References subjects.id.';
--> statement-breakpoint
COMMENT ON COLUMN "samples"."metric" IS 'stars, forks, watchers, open_issues, repositories, downloads_all_time, downloads_30d, downloads_7d, downloads_1d or likes. Running totals: stars, forks, repositories, downloads_all_time; rolling windows: downloads_30d, downloads_7d, downloads_1d.';
--> statement-breakpoint
COMMENT ON COLUMN "samples"."observed_at" IS 'The collector''s clock when the upstream answered (not the database clock); for backfilled samples, the end of the day the figure stands for.';
--> statement-breakpoint
COMMENT ON COLUMN "samples"."value" IS 'The figure.';
--> statement-breakpoint
COMMENT ON COLUMN "samples"."origin" IS 'observed (answered by the upstream at observed_at) or backfill (reconstructed from history; never overwrites an observed sample).';
--> statement-breakpoint
COMMENT ON COLUMN "samples"."run_id" IS 'The collection run that stored the sample (references collection_runs.id).';
--> statement-breakpoint
COMMENT ON TABLE "collection_runs" IS 'One row per collection round of one source.';
--> statement-breakpoint
COMMENT ON COLUMN "collection_runs"."source" IS 'github-repos, github-search, huggingface, modelscope, npm or pypi.';
--> statement-breakpoint
COMMENT ON COLUMN "collection_runs"."trigger" IS 'What started the round: collect (command line), schedule, enqueue or backfill.';
--> statement-breakpoint
COMMENT ON COLUMN "collection_runs"."status" IS 'running, ok (every subject stored), partial (some subjects failed) or failed (none stored).';
--> statement-breakpoint
COMMENT ON COLUMN "collection_runs"."subjects_ok" IS 'Subjects whose figures were stored.';
--> statement-breakpoint
COMMENT ON COLUMN "collection_runs"."subjects_failed" IS 'Subjects that failed; details in collection_failures.';
--> statement-breakpoint
COMMENT ON COLUMN "collection_runs"."requests" IS 'HTTP requests the round sent upstream.';
--> statement-breakpoint
COMMENT ON COLUMN "collection_runs"."error" IS 'Why the whole round failed, when it did.';
--> statement-breakpoint
COMMENT ON TABLE "collection_failures" IS 'Per-subject failures of each collection run.';
--> statement-breakpoint
COMMENT ON COLUMN "collection_failures"."kind" IS 'Subject kind, as in subjects.kind.';
--> statement-breakpoint
COMMENT ON COLUMN "collection_failures"."key" IS 'Subject key as configured.';
--> statement-breakpoint
COMMENT ON COLUMN "collection_failures"."error_kind" IS 'not_found, http, parse, network, timeout, rate_limit or auth.';
--> statement-breakpoint
COMMENT ON COLUMN "collection_failures"."message" IS 'What the upstream or the collector said.';
--> statement-breakpoint
COMMENT ON TABLE "http_cache" IS 'Internal: last answer per URL with its ETag, so conditional requests (304, free of rate limit) still yield figures.';
--> statement-breakpoint
COMMENT ON VIEW "latest_metrics" IS 'The newest sample of every series (subject and metric).';
--> statement-breakpoint
COMMENT ON VIEW "daily_metrics" IS 'The last sample of each UTC day of every series.';
--> statement-breakpoint
COMMENT ON VIEW "weekly_metrics" IS 'One row per series and ISO week (Monday 00:00 UTC): value = last sample before the week ends, previous_value = the same for the week before, delta = value - previous_value, growth_pct = round(100 * delta / previous_value, 2) (NULL when previous_value is NULL or 0); observed_at is when the value used was sampled, so stale figures show.';
--> statement-breakpoint
COMMENT ON COLUMN "weekly_metrics"."week" IS 'ISO week, e.g. 2026-W48.';
--> statement-breakpoint
COMMENT ON COLUMN "weekly_metrics"."week_start" IS 'The Monday (UTC) the week starts.';
--> statement-breakpoint
COMMENT ON COLUMN "weekly_metrics"."observed_at" IS 'When the sample used for value was taken; older than week_start means the figure is stale.';
