CREATE TABLE "activity_company_months" (
	"org_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"program_id" uuid NOT NULL,
	"type" text NOT NULL,
	"company_id" uuid NOT NULL,
	"month" date NOT NULL,
	"facts" integer NOT NULL,
	CONSTRAINT "activity_company_months_org_id_program_id_type_month_company_id_pk" PRIMARY KEY("org_id","program_id","type","month","company_id")
);
--> statement-breakpoint
CREATE TABLE "activity_company_types" (
	"org_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"program_id" uuid NOT NULL,
	"type" text NOT NULL,
	"company_id" uuid NOT NULL,
	"first_on" date NOT NULL,
	"facts" integer NOT NULL,
	CONSTRAINT "activity_company_types_org_id_program_id_type_company_id_pk" PRIMARY KEY("org_id","program_id","type","company_id")
);
--> statement-breakpoint
CREATE TABLE "activity_monthly" (
	"org_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"program_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"type" text NOT NULL,
	"outcome" text NOT NULL,
	"dims" jsonb NOT NULL,
	"month" date NOT NULL,
	"facts" integer NOT NULL,
	"quantity" bigint NOT NULL,
	"amount_yen" bigint NOT NULL,
	CONSTRAINT "activity_monthly_org_id_program_id_department_id_type_outcome_dims_month_pk" PRIMARY KEY("org_id","program_id","department_id","type","outcome","dims","month")
);
--> statement-breakpoint
ALTER TABLE "activity_company_months" ADD CONSTRAINT "activity_company_months_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_company_types" ADD CONSTRAINT "activity_company_types_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_monthly" ADD CONSTRAINT "activity_monthly_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_monthly_year_idx" ON "activity_monthly" USING btree ("org_id","fiscal_year");--> statement-breakpoint
-- The new rollups of the facts already written (the application keeps them from now on).
INSERT INTO activity_monthly (org_id, fiscal_year, program_id, department_id, type, outcome, dims, month, facts, quantity, amount_yen)
  SELECT org_id, fiscal_year, program_id, department_id, type, outcome, dims, date_trunc('month', occurred_on)::date,
         sum(facts), sum(quantity), sum(amount_yen)
    FROM activity_daily
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  HAVING sum(facts) <> 0;
--> statement-breakpoint
INSERT INTO activity_company_types (org_id, fiscal_year, program_id, type, company_id, first_on, facts)
  SELECT org_id, fiscal_year, program_id, type, company_id, min(occurred_on), count(*)
    FROM activities WHERE voided_at IS NULL AND company_id IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO activity_company_months (org_id, fiscal_year, program_id, type, company_id, month, facts)
  SELECT org_id, fiscal_year, program_id, type, company_id, date_trunc('month', occurred_on)::date, count(*)
    FROM activities WHERE voided_at IS NULL AND company_id IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6;
