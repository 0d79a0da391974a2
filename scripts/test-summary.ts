/**
 * Prints plain summary lines from Vitest JSON reports, one per run and a total last:
 *   real servers: 120 passed, 0 failed, 2 skipped
 *   tests: 140 passed, 0 failed, 2 skipped
 * Usage: tsx scripts/test-summary.ts label=file.json [label=file.json …]
 */
import { existsSync, readFileSync } from 'node:fs';

interface VitestJson {
  testResults: { assertionResults: { status: string; ancestorTitles: string[] }[] }[];
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  success: boolean;
}

const total = { passed: 0, failed: 0, skipped: 0 };
let missing = false;
for (const arg of process.argv.slice(2)) {
  const [label, file] = arg.split('=') as [string, string];
  if (!existsSync(file)) {
    console.log(`${label}: no report (the test run did not finish)`);
    missing = true;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8')) as VitestJson;
  const line = { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
  total.passed += line.passed;
  total.failed += line.failed;
  total.skipped += line.skipped;
  console.log(`${label}: ${line.passed} passed, ${line.failed} failed, ${line.skipped} skipped`);
  // Name what was skipped (e.g. the MongoDB adapter without MONGO_URL), not just how much.
  const skippedSuites = new Map<string, number>();
  for (const file of report.testResults) {
    for (const test of file.assertionResults) {
      if (test.status !== 'skipped' && test.status !== 'pending' && test.status !== 'todo') continue;
      const suite = test.ancestorTitles.join(' > ') || '(top level)';
      skippedSuites.set(suite, (skippedSuites.get(suite) ?? 0) + 1);
    }
  }
  for (const [suite, count] of skippedSuites) console.log(`  skipped ${count}: ${suite}`);
}
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = missing || total.failed > 0 ? 1 : 0;
