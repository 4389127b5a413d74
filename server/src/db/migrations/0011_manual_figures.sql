-- A figure entered by hand (入場者数 …) is about the center, not about a business or a person.
ALTER TABLE "activities" DROP CONSTRAINT "activities_subject_ck";--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_subject_ck" CHECK ("activities"."company_id" is not null or "activities"."person_name" is not null or "activities"."type" = 'manual_figure');