ALTER TABLE "amount_lines" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;