CREATE TABLE "activity_company_firsts" (
	"org_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"program_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"type" text NOT NULL,
	"outcome" text NOT NULL,
	"dims" jsonb NOT NULL,
	"company_id" uuid NOT NULL,
	"first_on" date NOT NULL,
	"facts" integer NOT NULL,
	CONSTRAINT "activity_company_firsts_org_id_program_id_department_id_type_outcome_dims_company_id_pk" PRIMARY KEY("org_id","program_id","department_id","type","outcome","dims","company_id")
);
--> statement-breakpoint
CREATE TABLE "activity_daily" (
	"org_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"program_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"type" text NOT NULL,
	"outcome" text NOT NULL,
	"dims" jsonb NOT NULL,
	"occurred_on" date NOT NULL,
	"facts" integer NOT NULL,
	"quantity" bigint NOT NULL,
	"amount_yen" bigint NOT NULL,
	CONSTRAINT "activity_daily_org_id_program_id_department_id_type_outcome_dims_occurred_on_pk" PRIMARY KEY("org_id","program_id","department_id","type","outcome","dims","occurred_on")
);
--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "metric" jsonb;--> statement-breakpoint
ALTER TABLE "activity_company_firsts" ADD CONSTRAINT "activity_company_firsts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_daily" ADD CONSTRAINT "activity_daily_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_company_firsts_year_idx" ON "activity_company_firsts" USING btree ("org_id","fiscal_year","type");--> statement-breakpoint
CREATE INDEX "activity_daily_year_idx" ON "activity_daily" USING btree ("org_id","fiscal_year","occurred_on");--> statement-breakpoint
-- The companies module's published read model of 名寄せ: which entity each record belongs to.
-- The KPI engine counts distinct businesses through it (never through the companies table).
CREATE VIEW company_entities AS
  SELECT org_id, id AS company_id, COALESCE(entity_key, id::text) AS entity FROM companies;
--> statement-breakpoint
-- Rollups of the facts written before this migration (the application keeps them from now on).
CREATE FUNCTION pg_temp.fact_dims(attributes jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT COALESCE(jsonb_object_agg(k, v), '{}'::jsonb) FROM jsonb_each(attributes) e(k, v)
   WHERE k IN ('channel', 'target', 'agency', 'frame', 'kind', 'indicatorId', 'course', 'type') AND jsonb_typeof(v) IN ('string', 'number', 'boolean')
$$;
--> statement-breakpoint
INSERT INTO activity_daily (org_id, fiscal_year, program_id, department_id, type, outcome, dims, occurred_on, facts, quantity, amount_yen)
  SELECT org_id, fiscal_year, program_id, department_id, type, COALESCE(outcome, ''), pg_temp.fact_dims(attributes), occurred_on,
         count(*), sum(quantity), COALESCE(sum(amount_yen), 0)
    FROM activities WHERE voided_at IS NULL
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
--> statement-breakpoint
INSERT INTO activity_company_firsts (org_id, fiscal_year, program_id, department_id, type, outcome, dims, company_id, first_on, facts)
  SELECT org_id, fiscal_year, program_id, department_id, type, COALESCE(outcome, ''), pg_temp.fact_dims(attributes), company_id,
         min(occurred_on), count(*)
    FROM activities WHERE voided_at IS NULL AND company_id IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
