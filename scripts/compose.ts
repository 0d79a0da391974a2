import { fileURLToPath } from 'node:url';
import { runCompose } from '@market/gateway/compose';

// `npm run compose` writes supergraph.graphql; `--check` (CI) only compares.
const configPath = fileURLToPath(new URL('../supergraph.yaml', import.meta.url));
const result = runCompose({ configPath, check: process.argv.includes('--check') });
(result.exitCode === 0 ? process.stdout : process.stderr).write(`${result.output}\n`);
process.exitCode = result.exitCode;
