import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generatePersistedQueryManifest } from '@apollo/generate-persisted-query-manifest';

// `npm run persisted-operations` writes gateway/persisted-operations.json: every operation the two apps send,
// in Apollo's persisted query manifest format (ids are the sha256 of the body Apollo Client prints, __typename
// added as its cache adds it). The gateway serves them by hash and, with SAFELIST=true, refuses anything else.
// `--check` (CI) only compares.
const root = fileURLToPath(new URL('..', import.meta.url));
const output = `${root}gateway/persisted-operations.json`;
process.chdir(root);
const manifest = await generatePersistedQueryManifest(
  { documents: ['web-client/src/**/*.{ts,tsx}', 'web-admin/src/**/*.{ts,tsx}', 'packages/ui/src/**/*.{ts,tsx}', '!**/gql/**'] },
  undefined,
);
manifest.operations.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
const text = `${JSON.stringify(manifest, null, 2)}\n`;
let previous = '';
try {
  previous = readFileSync(output, 'utf8');
} catch {
  // first run
}
if (process.argv.includes('--check')) {
  if (previous !== text) {
    process.stderr.write('gateway/persisted-operations.json is out of date: run `npm run persisted-operations` and commit it.\n');
    process.exitCode = 1;
  } else process.stdout.write(`gateway/persisted-operations.json is up to date (${manifest.operations.length} operations)\n`);
} else {
  if (previous !== text) writeFileSync(output, text);
  process.stdout.write(
    `${previous === text ? 'Unchanged' : 'Wrote'} gateway/persisted-operations.json: ${manifest.operations.length} operations\n`,
  );
}
