import { defineConfig } from 'drizzle-kit';

// Migrations are generated from src/store/schema.ts with `npm run db:generate -w subgraphs/user`
// and committed; the service applies them at start.
export default defineConfig({ dialect: 'postgresql', schema: './src/store/schema.ts', out: './drizzle' });
