CREATE TABLE "companies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"corporate_number" text,
	"name" text NOT NULL,
	"name_kana" text,
	"legal_form" text,
	"representative" text,
	"postal_code" text,
	"prefecture" text,
	"address" text,
	"phone" text,
	"phone_digits" text,
	"email" text,
	"website" text,
	"industry" text,
	"employees" integer,
	"capital_yen" bigint,
	"founded" date,
	"size_class" text,
	"sole_proprietor" boolean DEFAULT false NOT NULL,
	"notes" text,
	"search_text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "companies_size_class_ck" CHECK ("companies"."size_class" is null or "companies"."size_class" in ('sme','small','other'))
);
--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "companies_org_corporate_number_uq" ON "companies" USING btree ("org_id","corporate_number") WHERE "companies"."corporate_number" is not null;--> statement-breakpoint
CREATE INDEX "companies_org_phone_idx" ON "companies" USING btree ("org_id","phone_digits");