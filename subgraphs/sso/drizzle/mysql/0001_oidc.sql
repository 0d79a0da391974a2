CREATE TABLE `oidc_payloads` (
	`id` varchar(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`type` varchar(64) NOT NULL,
	`payload` json NOT NULL,
	`grant_id` varchar(255) CHARACTER SET ascii COLLATE ascii_bin,
	`user_code` varchar(255) CHARACTER SET ascii COLLATE ascii_bin,
	`uid` varchar(255) CHARACTER SET ascii COLLATE ascii_bin,
	`expires_at` datetime(3),
	`consumed_at` datetime(3),
	CONSTRAINT `oidc_payloads_type_id_pk` PRIMARY KEY(`type`,`id`)
);
--> statement-breakpoint
CREATE TABLE `provider_keys` (
	`id` varchar(64) NOT NULL,
	`use` varchar(16) NOT NULL,
	`material` text NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`retired_at` datetime(3),
	CONSTRAINT `provider_keys_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `user_credentials` (
	`user_id` char(36) NOT NULL,
	`password_hash` varchar(255) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `user_credentials_user_id` PRIMARY KEY(`user_id`)
);
--> statement-breakpoint
ALTER TABLE `user_credentials` ADD CONSTRAINT `user_credentials_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `oidc_payloads_grant_id_idx` ON `oidc_payloads` (`grant_id`);--> statement-breakpoint
CREATE INDEX `oidc_payloads_user_code_idx` ON `oidc_payloads` (`user_code`);--> statement-breakpoint
CREATE INDEX `oidc_payloads_uid_idx` ON `oidc_payloads` (`uid`);--> statement-breakpoint
CREATE INDEX `oidc_payloads_expires_at_idx` ON `oidc_payloads` (`expires_at`);