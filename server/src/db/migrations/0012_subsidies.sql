CREATE TABLE "subsidy_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"subsidy_program_id" uuid NOT NULL,
	"round_id" uuid,
	"company_id" uuid NOT NULL,
	"title" text NOT NULL,
	"course" text,
	"type" text,
	"tax_treatment" text NOT NULL,
	"tax_included" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"received_on" date NOT NULL,
	"pre_start_approved_on" date,
	"lines" jsonb NOT NULL,
	"actual_lines" jsonb,
	"computed_yen" bigint NOT NULL,
	"calculation" jsonb NOT NULL,
	"decided_yen" bigint,
	"decided_on" date,
	"frame_id" uuid,
	"confirmed_yen" bigint,
	"paid_yen" bigint,
	"paid_on" date,
	"repayment_yen" bigint,
	"decision_no" text,
	"confirmation_no" text,
	"note" text,
	"confidential" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_by_label" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_applications_status_ck" CHECK ("subsidy_applications"."status" in ('received','returned','checked','adopted','rejected','decided','reported','confirmed','claimed','paid','withdrawn','cancelled')),
	CONSTRAINT "subsidy_applications_tax_ck" CHECK ("subsidy_applications"."tax_treatment" in ('standard','exempt','simplified'))
);
--> statement-breakpoint
CREATE TABLE "subsidy_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"on" date NOT NULL,
	"note" text,
	"amount_yen" bigint,
	"by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_frames" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"subsidy_program_id" uuid NOT NULL,
	"round_id" uuid,
	"budget_yen" bigint NOT NULL,
	"committed_yen" bigint DEFAULT 0 NOT NULL,
	"paid_yen" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_frames_amounts_ck" CHECK ("subsidy_frames"."committed_yen" >= 0 and "subsidy_frames"."paid_yen" >= 0 and "subsidy_frames"."committed_yen" <= "subsidy_frames"."budget_yen")
);
--> statement-breakpoint
CREATE TABLE "subsidy_notice_counters" (
	"org_id" uuid NOT NULL,
	"subsidy_program_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"last_no" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "subsidy_notice_counters_org_id_subsidy_program_id_kind_pk" PRIMARY KEY("org_id","subsidy_program_id","kind")
);
--> statement-breakpoint
CREATE TABLE "subsidy_programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"program_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"terms" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"subsidy_program_id" uuid NOT NULL,
	"name" text NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"pre_start_allowed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_rounds_window_ck" CHECK ("subsidy_rounds"."opens_on" <= "subsidy_rounds"."closes_on")
);
--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_subsidy_program_id_subsidy_programs_id_fk" FOREIGN KEY ("subsidy_program_id") REFERENCES "public"."subsidy_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_round_id_subsidy_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."subsidy_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_frame_id_subsidy_frames_id_fk" FOREIGN KEY ("frame_id") REFERENCES "public"."subsidy_frames"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_events" ADD CONSTRAINT "subsidy_events_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_events" ADD CONSTRAINT "subsidy_events_application_id_subsidy_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."subsidy_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_frames" ADD CONSTRAINT "subsidy_frames_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_frames" ADD CONSTRAINT "subsidy_frames_subsidy_program_id_subsidy_programs_id_fk" FOREIGN KEY ("subsidy_program_id") REFERENCES "public"."subsidy_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_frames" ADD CONSTRAINT "subsidy_frames_round_id_subsidy_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."subsidy_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_notice_counters" ADD CONSTRAINT "subsidy_notice_counters_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_notice_counters" ADD CONSTRAINT "subsidy_notice_counters_subsidy_program_id_subsidy_programs_id_fk" FOREIGN KEY ("subsidy_program_id") REFERENCES "public"."subsidy_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_programs" ADD CONSTRAINT "subsidy_programs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_programs" ADD CONSTRAINT "subsidy_programs_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_programs" ADD CONSTRAINT "subsidy_programs_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_rounds" ADD CONSTRAINT "subsidy_rounds_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_rounds" ADD CONSTRAINT "subsidy_rounds_subsidy_program_id_subsidy_programs_id_fk" FOREIGN KEY ("subsidy_program_id") REFERENCES "public"."subsidy_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subsidy_applications_program_idx" ON "subsidy_applications" USING btree ("org_id","subsidy_program_id","status");--> statement-breakpoint
CREATE INDEX "subsidy_applications_company_idx" ON "subsidy_applications" USING btree ("org_id","company_id");--> statement-breakpoint
CREATE INDEX "subsidy_events_application_idx" ON "subsidy_events" USING btree ("org_id","application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_frames_uq" ON "subsidy_frames" USING btree ("org_id","subsidy_program_id",coalesce("round_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_programs_uq" ON "subsidy_programs" USING btree ("org_id","program_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_rounds_uq" ON "subsidy_rounds" USING btree ("org_id","subsidy_program_id","name");