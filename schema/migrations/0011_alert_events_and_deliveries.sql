CREATE TABLE "alert_events" (
	"id" text PRIMARY KEY NOT NULL,
	"rule" text NOT NULL,
	"kind" text,
	"key" text,
	"label" text,
	"metric" text,
	"value" bigint,
	"previous_value" bigint,
	"delta" bigint,
	"week" text,
	"observed_at" timestamp with time zone,
	"message" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"event_id" text NOT NULL,
	"channel" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deliveries_event_id_channel_pk" PRIMARY KEY("event_id","channel")
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_event_id_alert_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."alert_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_events_created_at_idx" ON "alert_events" USING btree ("created_at");--> statement-breakpoint
-- Hand-written: the checks drizzle does not declare, and the documentation users read in psql.
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_status_check" CHECK ("status" IN ('pending', 'delivered', 'failed', 'dropped'));
--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_delivered_at_check" CHECK (("status" = 'delivered') = ("delivered_at" IS NOT NULL));
--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_attempts_check" CHECK ("attempts" >= 0);
--> statement-breakpoint
COMMENT ON TABLE "alert_events" IS 'One row per occurrence of an alert rule of the config''s alerts: a level crossed, a week''s spike, a comparison''s new leader, a subject gone (not_found). Recorded once: re-running a round or a retried job finds the same id.';
--> statement-breakpoint
COMMENT ON COLUMN "alert_events"."id" IS 'Deterministic: made from the rule and what the occurrence is about (the series and the crossing, week or change), so the same occurrence always has the same id.';
--> statement-breakpoint
COMMENT ON COLUMN "alert_events"."rule" IS 'The name of the rule in the config''s alerts.';
--> statement-breakpoint
COMMENT ON COLUMN "alert_events"."kind" IS 'The kind of the subject it is about (github_repo, github_search, ...); NULL when it is about no single series.';
--> statement-breakpoint
COMMENT ON COLUMN "alert_events"."key" IS 'The key of the subject it is about, as in subjects.key (owner/name, a search''s query, a package name).';
--> statement-breakpoint
COMMENT ON COLUMN "alert_events"."label" IS 'The subject''s display name when the event was recorded (from the config or upstream).';
--> statement-breakpoint
COMMENT ON COLUMN "alert_events"."metric" IS 'The metric it is about (stars, repositories, downloads_30d, ...).';
--> statement-breakpoint
COMMENT ON COLUMN "alert_events"."value" IS 'The figure that made it (the value that crossed the level, the week''s figure of a spike); NULL when there is none (a subject gone).';
--> statement-breakpoint
COMMENT ON COLUMN "alert_events"."previous_value" IS 'The figure before it (the previous sample or week); NULL when there is none.';
--> statement-breakpoint
COMMENT ON COLUMN "alert_events"."delta" IS 'value - previous_value.';
--> statement-breakpoint
COMMENT ON COLUMN "alert_events"."week" IS 'The ISO week it belongs to, e.g. 2026-W48, as weekly_metrics.week.';
--> statement-breakpoint
COMMENT ON COLUMN "alert_events"."observed_at" IS 'When the figure that made it was taken (samples.observed_at).';
--> statement-breakpoint
COMMENT ON COLUMN "alert_events"."message" IS 'One plain sentence saying what happened, with the figures: the text the channels receive.';
--> statement-breakpoint
COMMENT ON COLUMN "alert_events"."created_at" IS 'When OSS Pulse recorded it.';
--> statement-breakpoint
COMMENT ON TABLE "deliveries" IS 'One row per alert event and channel it goes to (the rule''s notify): the delivery''s state and attempts. An event reaches a channel at most once. Deleting an event deletes its deliveries.';
--> statement-breakpoint
COMMENT ON COLUMN "deliveries"."event_id" IS 'The event delivered (alert_events.id).';
--> statement-breakpoint
COMMENT ON COLUMN "deliveries"."channel" IS 'The name of the channel in the config''s channels.';
--> statement-breakpoint
COMMENT ON COLUMN "deliveries"."status" IS 'pending (not delivered yet; attempts may follow), delivered (the channel accepted it, once), failed (given up: attempts used up or a permanent refusal) or dropped (not sent on purpose, e.g. the channel is no longer configured).';
--> statement-breakpoint
COMMENT ON COLUMN "deliveries"."attempts" IS 'How many times sending was tried.';
--> statement-breakpoint
COMMENT ON COLUMN "deliveries"."last_error" IS 'Why the last attempt failed (status code or network error, secrets removed); NULL when it did not.';
--> statement-breakpoint
COMMENT ON COLUMN "deliveries"."delivered_at" IS 'When the channel accepted it; set exactly when status is delivered.';
--> statement-breakpoint
COMMENT ON COLUMN "deliveries"."updated_at" IS 'When the row last changed (created, or an attempt made).';
