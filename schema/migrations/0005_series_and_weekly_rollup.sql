CREATE TABLE "series" (
	"subject_id" bigint NOT NULL,
	"metric" text NOT NULL,
	"first_observed_at" timestamp with time zone NOT NULL,
	"last_observed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "series_subject_id_metric_pk" PRIMARY KEY("subject_id","metric")
);
--> statement-breakpoint
CREATE TABLE "weekly_samples" (
	"subject_id" bigint NOT NULL,
	"metric" text NOT NULL,
	"week_start" date NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"value" bigint NOT NULL,
	"origin" text NOT NULL,
	CONSTRAINT "weekly_samples_subject_id_metric_week_start_pk" PRIMARY KEY("subject_id","metric","week_start")
);
--> statement-breakpoint
ALTER TABLE "series" ADD CONSTRAINT "series_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_samples" ADD CONSTRAINT "weekly_samples_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "weekly_samples_week_start_idx" ON "weekly_samples" USING btree ("week_start");