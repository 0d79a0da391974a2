import { defineConfig } from 'drizzle-kit';

// Migrations are generated from src/store/pg-schema.ts with `npm run db:generate -w subgraphs/chat`
// and committed; the PostgreSQL/PGlite adapter applies them at start.
export default defineConfig({ dialect: 'postgresql', schema: './src/store/pg-schema.ts', out: './drizzle' });
