CREATE TABLE "dedupe_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"status" text NOT NULL,
	"phase" text NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"result" jsonb,
	"error" text,
	"started_by_label" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"beat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "dedupe_jobs_status_ck" CHECK ("dedupe_jobs"."status" in ('running','done','failed'))
);
--> statement-breakpoint
ALTER TABLE "dedupe_jobs" ADD CONSTRAINT "dedupe_jobs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dedupe_jobs_running_uq" ON "dedupe_jobs" USING btree ("org_id") WHERE "dedupe_jobs"."status" = 'running';