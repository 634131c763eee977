ALTER TABLE "collection_failures" ADD COLUMN "metric" text;--> statement-breakpoint
ALTER TABLE "collection_runs" ADD COLUMN "process" text;--> statement-breakpoint
COMMENT ON COLUMN "collection_failures"."metric" IS 'The one metric that failed while the subject''s other figures were stored (a field the upstream left out or refused); NULL when the whole subject failed.';
--> statement-breakpoint
COMMENT ON COLUMN "collection_runs"."process" IS 'The command-line process running the round (host, pid and start time), so a run whose process is gone reads as interrupted; NULL for queue rounds, which another worker picks up.';
--> statement-breakpoint
COMMENT ON COLUMN "collection_runs"."status" IS 'running, ok (every subject stored), partial (some subjects or metrics failed), failed (none stored) or interrupted (stopped by Ctrl-C or SIGTERM, or its process is gone; what it stored is kept).';
--> statement-breakpoint
ALTER TABLE "collection_runs" DROP CONSTRAINT "collection_runs_status_check";
--> statement-breakpoint
ALTER TABLE "collection_runs" ADD CONSTRAINT "collection_runs_status_check" CHECK ("status" IN ('running', 'ok', 'partial', 'failed', 'interrupted'));
