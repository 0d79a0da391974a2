CREATE TABLE `audit_events` (
	`id` char(36) NOT NULL,
	`type` varchar(64) NOT NULL,
	`actor_id` varchar(255),
	`target_id` varchar(255),
	`ip` varchar(64),
	`user_agent` varchar(512),
	`details` json NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `audit_events_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `recovery_codes` (
	`user_id` char(36) NOT NULL,
	`code_hash` char(64) NOT NULL,
	`used_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `recovery_codes_user_id_code_hash_pk` PRIMARY KEY(`user_id`,`code_hash`)
);
--> statement-breakpoint
CREATE TABLE `user_mfa` (
	`user_id` char(36) NOT NULL,
	`totp_secret` varchar(512) NOT NULL,
	`confirmed_at` datetime(3),
	`last_used_step` bigint,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `user_mfa_user_id` PRIMARY KEY(`user_id`)
);
--> statement-breakpoint
ALTER TABLE `recovery_codes` ADD CONSTRAINT `recovery_codes_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `user_mfa` ADD CONSTRAINT `user_mfa_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `audit_events_created_at_idx` ON `audit_events` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_events_target_id_idx` ON `audit_events` (`target_id`);