CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"program_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"company_id" uuid,
	"person_name" text,
	"occurred_on" date NOT NULL,
	"type" text NOT NULL,
	"outcome" text,
	"quantity" integer DEFAULT 1 NOT NULL,
	"amount_yen" bigint,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source_module" text NOT NULL,
	"source_id" uuid,
	"recorded_by" uuid,
	"recorded_by_label" text NOT NULL,
	"confidential" boolean DEFAULT false NOT NULL,
	"voided_at" timestamp with time zone,
	"voided_by_label" text,
	"void_reason" text,
	"replaced_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activities_subject_ck" CHECK ("activities"."company_id" is not null or "activities"."person_name" is not null),
	CONSTRAINT "activities_quantity_ck" CHECK ("activities"."quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "consultation_staff" (
	"org_id" uuid NOT NULL,
	"consultation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "consultation_staff_consultation_id_user_id_pk" PRIMARY KEY("consultation_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"company_id" uuid,
	"person_name" text,
	"program_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"location" text,
	"occurred_on" date NOT NULL,
	"start_time" text,
	"duration_minutes" integer,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"notes" text,
	"next_action" text,
	"follow_up_on" date,
	"follow_up_done_at" timestamp with time zone,
	"status" text NOT NULL,
	"visit" jsonb,
	"confidential" boolean DEFAULT false NOT NULL,
	"recorded_by" uuid,
	"recorded_by_label" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultations_subject_ck" CHECK ("consultations"."company_id" is not null or "consultations"."person_name" is not null),
	CONSTRAINT "consultations_status_ck" CHECK ("consultations"."status" in ('ongoing','resolved','completed','referred','closed')),
	CONSTRAINT "consultations_channel_ck" CHECK ("consultations"."channel" in ('window','visit','phone','online','outreach','satellite'))
);
--> statement-breakpoint
CREATE TABLE "dispatch_frames" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"program_id" uuid NOT NULL,
	"name" text NOT NULL,
	"cap" integer,
	"per_company_cap" integer,
	"used" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispatch_frames_used_ck" CHECK ("dispatch_frames"."used" >= 0 and ("dispatch_frames"."cap" is null or "dispatch_frames"."used" <= "dispatch_frames"."cap"))
);
--> statement-breakpoint
CREATE TABLE "dispatches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"frame_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"expert_id" uuid NOT NULL,
	"scheduled_on" date NOT NULL,
	"held_on" date,
	"minutes" integer NOT NULL,
	"fee_yen" bigint NOT NULL,
	"company_share_yen" bigint DEFAULT 0 NOT NULL,
	"purpose" text,
	"status" text DEFAULT 'requested' NOT NULL,
	"report_text" text,
	"reported_on" date,
	"paid_on" date,
	"approved_by_label" text,
	"reason" text,
	"confidential" boolean DEFAULT false NOT NULL,
	"requested_by" uuid,
	"requested_by_label" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispatches_status_ck" CHECK ("dispatches"."status" in ('requested','approved','done','reported','paid','rejected','cancelled')),
	CONSTRAINT "dispatches_share_ck" CHECK ("dispatches"."company_share_yen" <= "dispatches"."fee_yen")
);
--> statement-breakpoint
CREATE TABLE "experts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_kana" text,
	"specialties" text[] DEFAULT '{}'::text[] NOT NULL,
	"qualifications" text[] DEFAULT '{}'::text[] NOT NULL,
	"organization" text,
	"phone" text,
	"email" text,
	"fee_per_dispatch_yen" bigint,
	"fee_per_hour_yen" bigint,
	"active" boolean DEFAULT true NOT NULL,
	"conflict_notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"company_id" uuid,
	"person_name" text,
	"program_id" uuid NOT NULL,
	"from_department_id" uuid NOT NULL,
	"to_department_id" uuid,
	"agency" text,
	"reason" text NOT NULL,
	"status" text DEFAULT 'sent' NOT NULL,
	"sent_on" date NOT NULL,
	"responded_on" date,
	"completed_on" date,
	"decline_reason" text,
	"outcome" text,
	"consultation_id" uuid,
	"confidential" boolean DEFAULT false NOT NULL,
	"sent_by" uuid,
	"sent_by_label" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_status_ck" CHECK ("referrals"."status" in ('sent','accepted','declined','completed')),
	CONSTRAINT "referrals_target_ck" CHECK (("referrals"."to_department_id" is null) <> ("referrals"."agency" is null)),
	CONSTRAINT "referrals_subject_ck" CHECK ("referrals"."company_id" is not null or "referrals"."person_name" is not null)
);
--> statement-breakpoint
CREATE TABLE "support_vocab" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_vocab_kind_ck" CHECK ("support_vocab"."kind" in ('topic','agency'))
);
--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "confidential" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_staff" ADD CONSTRAINT "consultation_staff_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_staff" ADD CONSTRAINT "consultation_staff_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_staff" ADD CONSTRAINT "consultation_staff_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_frames" ADD CONSTRAINT "dispatch_frames_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_frames" ADD CONSTRAINT "dispatch_frames_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_frame_id_dispatch_frames_id_fk" FOREIGN KEY ("frame_id") REFERENCES "public"."dispatch_frames"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experts" ADD CONSTRAINT "experts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_from_department_id_departments_id_fk" FOREIGN KEY ("from_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_to_department_id_departments_id_fk" FOREIGN KEY ("to_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_vocab" ADD CONSTRAINT "support_vocab_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_company_idx" ON "activities" USING btree ("org_id","company_id","occurred_on");--> statement-breakpoint
CREATE INDEX "activities_source_idx" ON "activities" USING btree ("org_id","source_module","source_id");--> statement-breakpoint
CREATE INDEX "activities_year_idx" ON "activities" USING btree ("org_id","fiscal_year","program_id","type");--> statement-breakpoint
CREATE INDEX "consultation_staff_user_idx" ON "consultation_staff" USING btree ("org_id","user_id");--> statement-breakpoint
CREATE INDEX "consultations_company_idx" ON "consultations" USING btree ("org_id","company_id","occurred_on");--> statement-breakpoint
CREATE INDEX "consultations_dept_idx" ON "consultations" USING btree ("org_id","department_id","occurred_on");--> statement-breakpoint
CREATE INDEX "consultations_follow_up_idx" ON "consultations" USING btree ("org_id","follow_up_on") WHERE "consultations"."follow_up_on" is not null and "consultations"."follow_up_done_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "dispatch_frames_uq" ON "dispatch_frames" USING btree ("org_id","program_id","name");--> statement-breakpoint
CREATE INDEX "dispatches_frame_company_idx" ON "dispatches" USING btree ("org_id","frame_id","company_id");--> statement-breakpoint
CREATE INDEX "dispatches_company_idx" ON "dispatches" USING btree ("org_id","company_id");--> statement-breakpoint
CREATE INDEX "experts_org_idx" ON "experts" USING btree ("org_id","active");--> statement-breakpoint
CREATE INDEX "referrals_to_idx" ON "referrals" USING btree ("org_id","to_department_id","status");--> statement-breakpoint
CREATE INDEX "referrals_from_idx" ON "referrals" USING btree ("org_id","from_department_id","status");--> statement-breakpoint
CREATE INDEX "referrals_company_idx" ON "referrals" USING btree ("org_id","company_id");--> statement-breakpoint
CREATE UNIQUE INDEX "support_vocab_uq" ON "support_vocab" USING btree ("org_id","kind","name");--> statement-breakpoint
-- Activity facts are append-only: no deletes, and the only update is voiding a live fact once
-- (a correction voids it and writes a new one). The KPI engine may then trust every row.
CREATE FUNCTION activities_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL
     AND (to_jsonb(NEW) - 'voided_at' - 'voided_by_label' - 'void_reason' - 'replaced_by')
       = (to_jsonb(OLD) - 'voided_at' - 'voided_by_label' - 'void_reason' - 'replaced_by') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'activities are append-only: only voiding a live fact is allowed (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER activities_append_only
  BEFORE UPDATE OR DELETE ON activities
  FOR EACH ROW EXECUTE FUNCTION activities_refuse_change();
--> statement-breakpoint
CREATE TRIGGER activities_no_truncate
  BEFORE TRUNCATE ON activities
  FOR EACH STATEMENT EXECUTE FUNCTION activities_refuse_change();
--> statement-breakpoint
-- Confidential by default: the programs of 中小企業活性化協議会 (restructuring cases).
WITH RECURSIVE tree AS (
  SELECT p.id, p.id AS root_id FROM programs p WHERE p.parent_id IS NULL
  UNION ALL
  SELECT c.id, tree.root_id FROM programs c JOIN tree ON c.parent_id = tree.id
)
UPDATE programs SET confidential = true
  FROM tree
  WHERE programs.id = tree.id
    AND EXISTS (SELECT 1 FROM program_departments pd JOIN departments d ON d.id = pd.department_id
                WHERE pd.program_id = tree.root_id AND d.name LIKE '%活性化協議会%');
