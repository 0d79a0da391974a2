CREATE TABLE "agency_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"note" text,
	"uploaded_by" uuid NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agency_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"token_hash" text NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"invited_by" uuid NOT NULL,
	"accepted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "agency_invitations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "agency_metrics" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"orders_total" integer DEFAULT 0 NOT NULL,
	"completed" integer DEFAULT 0 NOT NULL,
	"cancelled_by_agency" integer DEFAULT 0 NOT NULL,
	"disputed" integer DEFAULT 0 NOT NULL,
	"delivered_with_due" integer DEFAULT 0 NOT NULL,
	"delivered_on_time" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"review_count" integer DEFAULT 0 NOT NULL,
	"median_response_seconds" double precision,
	"penalty_count_365" integer DEFAULT 0 NOT NULL,
	"penalty_amount_365" bigint DEFAULT 0 NOT NULL,
	"last_activity_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agency_orders" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"status" text NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"placed_at" timestamp with time zone NOT NULL,
	"due_date" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"cancelled_by_agency" boolean DEFAULT false NOT NULL,
	"disputed" boolean DEFAULT false NOT NULL,
	"rating" integer,
	"last_event_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agency_rankings" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"score" double precision NOT NULL,
	"tier" text NOT NULL,
	"position" integer,
	"position_of" integer,
	"position_scope" text,
	"breakdown" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversation_waits" (
	"conversation_id" text PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"customer_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_inbox" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_outbox" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"type" text NOT NULL,
	"data" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "event_outbox_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"description" text NOT NULL,
	"reference" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "penalties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"reason" text NOT NULL,
	"issued_by" uuid NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "response_samples" (
	"message_id" text PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"seconds" integer NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_areas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"label" text,
	"center_lat" double precision,
	"center_lng" double precision,
	"radius_km" double precision,
	"min_lat" double precision,
	"max_lat" double precision,
	"min_lng" double precision,
	"max_lng" double precision,
	"region_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "contact_phone" text;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "contact_website" text;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "contact_address" text;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "commission_percent" double precision DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "primary_business_type" text;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "search_document" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "ranking_score" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "agency_documents" ADD CONSTRAINT "agency_documents_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_invitations" ADD CONSTRAINT "agency_invitations_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_metrics" ADD CONSTRAINT "agency_metrics_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_rankings" ADD CONSTRAINT "agency_rankings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalties" ADD CONSTRAINT "penalties_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_areas" ADD CONSTRAINT "service_areas_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agency_documents_agency_idx" ON "agency_documents" USING btree ("agency_id","created_at");--> statement-breakpoint
CREATE INDEX "agency_invitations_agency_idx" ON "agency_invitations" USING btree ("agency_id","created_at");--> statement-breakpoint
CREATE INDEX "agency_orders_agency_idx" ON "agency_orders" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "agency_rankings_score_idx" ON "agency_rankings" USING btree ("score","agency_id");--> statement-breakpoint
CREATE INDEX "event_outbox_unpublished_idx" ON "event_outbox" USING btree ("seq") WHERE published_at is null;--> statement-breakpoint
CREATE INDEX "ledger_entries_agency_idx" ON "ledger_entries" USING btree ("agency_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_commission_ref_idx" ON "ledger_entries" USING btree ("kind","reference");--> statement-breakpoint
CREATE INDEX "penalties_agency_idx" ON "penalties" USING btree ("agency_id","issued_at");--> statement-breakpoint
CREATE INDEX "response_samples_agency_idx" ON "response_samples" USING btree ("agency_id","at");--> statement-breakpoint
CREATE INDEX "service_areas_agency_idx" ON "service_areas" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "service_areas_bbox_idx" ON "service_areas" USING btree ("min_lat","max_lat","min_lng","max_lng");--> statement-breakpoint
CREATE INDEX "service_areas_regions_idx" ON "service_areas" USING gin ("region_codes");--> statement-breakpoint
CREATE INDEX "agencies_lat_lng_idx" ON "agencies" USING btree ("lat","lng");--> statement-breakpoint
CREATE INDEX "agencies_created_id_idx" ON "agencies" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "agencies_search_idx" ON "agencies" USING gin ("search_document");--> statement-breakpoint
CREATE INDEX "agencies_group_idx" ON "agencies" USING btree ("primary_business_type","region");--> statement-breakpoint
CREATE INDEX "agencies_rank_idx" ON "agencies" USING btree ("ranking_score" DESC NULLS LAST,"created_at","id") WHERE status <> 'SUSPENDED';--> statement-breakpoint
CREATE INDEX "agencies_rating_idx" ON "agencies" USING btree (((20::float8 + rating_sum) / (5::float8 + review_count)) desc,"id","rating_sum","review_count") WHERE status <> 'SUSPENDED';--> statement-breakpoint
CREATE INDEX "agency_business_types_code_idx" ON "agency_business_types" USING btree ("code","agency_id");