CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"storage_key" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "files_size_non_negative" CHECK ("files"."size" >= 0),
	CONSTRAINT "files_subject_type_known" CHECK ("subject_type" in ('ORDER', 'AGENCY'))
);
--> statement-breakpoint
CREATE INDEX "files_subject_idx" ON "files" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "files_created_at_idx" ON "files" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);