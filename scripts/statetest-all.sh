#!/bin/sh
# Runs every Cancun vector of the shared GeneralStateTests with the built CLI (npm run build first)
# and prints the pass counts per group, the failures and the wall time. The full JSON report goes to
# $1 (default /tmp/zkos-statetest.json). Exit status: the CLI's (0 all pass, 1 a vector failed).
set -u
cd "$(dirname "$0")/.." || exit 2
ROOT=../shared/fixtures/ethereum-tests/GeneralStateTests
OUT=${1:-/tmp/zkos-statetest.json}
start=$(date +%s)
node dist/cli.js statetest "$ROOT" --json > "$OUT"
status=$?
echo "wall time: $(( $(date +%s) - start )) s; report: $OUT"
node -e '
const doc = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const root = process.argv[2] + "/";
const groups = new Map();
for (const r of doc.results) {
  const g = r.file.slice(root.length).split("/")[0];
  const e = groups.get(g) ?? { passed: 0, failed: 0 };
  r.pass ? e.passed++ : e.failed++;
  groups.set(g, e);
}
for (const [g, e] of [...groups].sort()) console.log(`${g.padEnd(40)} ${e.passed}/${e.passed + e.failed}`);
for (const r of doc.results.filter((r) => !r.pass)) console.log(`FAIL ${r.file.slice(root.length)} ${r.name} ${JSON.stringify(r.index)}: ${r.error}`);
console.log(`${doc.passed} passed, ${doc.failed} failed (${(100 * doc.passed / (doc.passed + doc.failed)).toFixed(2)}%)`);
' "$OUT" "$ROOT"
exit $status
