import { defineConfig } from 'drizzle-kit';

// PostgreSQL/PGlite migrations, generated from src/store/pg-schema.ts with `npm run db:generate -w subgraphs/sso`
// and committed; PgUserStore applies them at start.
export default defineConfig({ dialect: 'postgresql', schema: './src/store/pg-schema.ts', out: './drizzle/pg' });
