CREATE TABLE "collection_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"error_kind" text NOT NULL,
	"message" text NOT NULL,
	"failed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collection_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"trigger" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"status" text DEFAULT 'running' NOT NULL,
	"subjects_ok" integer DEFAULT 0 NOT NULL,
	"subjects_failed" integer DEFAULT 0 NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "http_cache" (
	"url" text PRIMARY KEY NOT NULL,
	"etag" text NOT NULL,
	"body" jsonb NOT NULL,
	"stored_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "samples" (
	"subject_id" bigint NOT NULL,
	"metric" text NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"value" bigint NOT NULL,
	"origin" text DEFAULT 'observed' NOT NULL,
	"run_id" bigint,
	CONSTRAINT "samples_subject_id_metric_observed_at_pk" PRIMARY KEY("subject_id","metric","observed_at")
);
--> statement-breakpoint
CREATE TABLE "subjects" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"external_id" text,
	"status" text DEFAULT 'active' NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "collection_failures" ADD CONSTRAINT "collection_failures_run_id_collection_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."collection_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "samples" ADD CONSTRAINT "samples_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "samples" ADD CONSTRAINT "samples_run_id_collection_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."collection_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "collection_failures_run_id_idx" ON "collection_failures" USING btree ("run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subjects_kind_key_key" ON "subjects" USING btree ("kind","key");--> statement-breakpoint
CREATE UNIQUE INDEX "subjects_kind_external_id_key" ON "subjects" USING btree ("kind","external_id");