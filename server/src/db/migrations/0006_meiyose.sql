CREATE TABLE "meiyose_decisions" (
	"org_id" uuid NOT NULL,
	"company_a" uuid NOT NULL,
	"company_b" uuid NOT NULL,
	"same" boolean NOT NULL,
	"decided_by" text NOT NULL,
	"merge_id" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meiyose_decisions_org_id_company_a_company_b_pk" PRIMARY KEY("org_id","company_a","company_b")
);
--> statement-breakpoint
CREATE TABLE "meiyose_merges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"entity_key" text NOT NULL,
	"previous" jsonb NOT NULL,
	"merged_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "meiyose_review_pairs" (
	"org_id" uuid NOT NULL,
	"company_a" uuid NOT NULL,
	"company_b" uuid NOT NULL,
	"score" real NOT NULL,
	"reasons" jsonb NOT NULL,
	CONSTRAINT "meiyose_review_pairs_org_id_company_a_company_b_pk" PRIMARY KEY("org_id","company_a","company_b")
);
--> statement-breakpoint
CREATE TABLE "meiyose_state" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"last_run_at" timestamp with time zone,
	"records" integer DEFAULT 0 NOT NULL,
	"entities" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "entity_key" text;--> statement-breakpoint
ALTER TABLE "meiyose_decisions" ADD CONSTRAINT "meiyose_decisions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meiyose_decisions" ADD CONSTRAINT "meiyose_decisions_company_a_companies_id_fk" FOREIGN KEY ("company_a") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meiyose_decisions" ADD CONSTRAINT "meiyose_decisions_company_b_companies_id_fk" FOREIGN KEY ("company_b") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meiyose_merges" ADD CONSTRAINT "meiyose_merges_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meiyose_review_pairs" ADD CONSTRAINT "meiyose_review_pairs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meiyose_review_pairs" ADD CONSTRAINT "meiyose_review_pairs_company_a_companies_id_fk" FOREIGN KEY ("company_a") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meiyose_review_pairs" ADD CONSTRAINT "meiyose_review_pairs_company_b_companies_id_fk" FOREIGN KEY ("company_b") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meiyose_state" ADD CONSTRAINT "meiyose_state_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- 名寄せ rewrites entity_key on many rows at once. The column is deliberately not indexed and pages
-- keep free space, so those updates are HOT (heap-only): the name/kana trigram index is not touched.
ALTER TABLE "companies" SET (fillfactor = 85);
