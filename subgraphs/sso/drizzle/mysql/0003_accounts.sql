CREATE TABLE `account_tokens` (
	`token_hash` char(64) NOT NULL,
	`purpose` varchar(32) NOT NULL,
	`user_id` char(36) NOT NULL,
	`data` json NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`used_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `account_tokens_token_hash` PRIMARY KEY(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `linked_identities` (
	`provider` varchar(64) NOT NULL,
	`subject` varchar(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`user_id` char(36) NOT NULL,
	`email` varchar(320) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `linked_identities_provider_subject_pk` PRIMARY KEY(`provider`,`subject`)
);
--> statement-breakpoint
CREATE TABLE `user_sessions` (
	`id` varchar(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`user_id` char(36) NOT NULL,
	`ip` varchar(64),
	`user_agent` varchar(512),
	`created_at` datetime(3) NOT NULL,
	`last_seen_at` datetime(3) NOT NULL,
	`expires_at` datetime(3),
	CONSTRAINT `user_sessions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `users` ADD `status_reason` varchar(500);--> statement-breakpoint
ALTER TABLE `users` ADD `email_verified_at` datetime(3);--> statement-breakpoint
ALTER TABLE `users` ADD `last_login_at` datetime(3);--> statement-breakpoint
ALTER TABLE `account_tokens` ADD CONSTRAINT `account_tokens_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `linked_identities` ADD CONSTRAINT `linked_identities_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `user_sessions` ADD CONSTRAINT `user_sessions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `account_tokens_user_id_idx` ON `account_tokens` (`user_id`,`purpose`);--> statement-breakpoint
CREATE INDEX `account_tokens_expires_at_idx` ON `account_tokens` (`expires_at`);--> statement-breakpoint
CREATE INDEX `linked_identities_user_id_idx` ON `linked_identities` (`user_id`);--> statement-breakpoint
CREATE INDEX `user_sessions_user_id_idx` ON `user_sessions` (`user_id`,`last_seen_at`);--> statement-breakpoint
UPDATE `users` SET `email_verified_at` = `created_at` WHERE `status` = 'ACTIVE';