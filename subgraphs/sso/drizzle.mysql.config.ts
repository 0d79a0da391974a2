import { defineConfig } from 'drizzle-kit';

// MySQL/MariaDB migrations, generated from src/store/mysql-schema.ts with `npm run db:generate -w subgraphs/sso`
// and committed; MysqlUserStore applies them at start.
export default defineConfig({ dialect: 'mysql', schema: './src/store/mysql-schema.ts', out: './drizzle/mysql' });
