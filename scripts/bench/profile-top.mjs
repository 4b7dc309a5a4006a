// Summarises a V8 .cpuprofile (from `BENCH_CPU_PROF=dir npm run bench`):
// the functions and the packages with the most self time.
//   node scripts/bench/profile-top.mjs file.cpuprofile [rows]
import fs from "node:fs";

const [file, rowsArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: node scripts/bench/profile-top.mjs file.cpuprofile [rows]");
  process.exit(2);
}
const rows = Number(rowsArg ?? 30);
const profile = JSON.parse(fs.readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
const deltas = profile.timeDeltas;
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const byFunction = new Map();
const byPackage = new Map();
for (const [id, micros] of self) {
  const { callFrame } = byId.get(id);
  const where = callFrame.url.replace(/^file:\/\//, "");
  const pkg =
    /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1] ??
    (where ? (where.includes("/build/") ? "(app bundle)" : where.split("/").slice(-2).join("/")) : "(native/gc)");
  const fn = `${callFrame.functionName || "(anonymous)"} ${where.split("/").slice(-1)[0]}:${callFrame.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
}
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(`${((100 * micros) / total).toFixed(1).padStart(5)} %  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  }
};
console.log(`total sampled ${(total / 1000).toFixed(0)} ms`);
print("self time by package", byPackage);
print("self time by function", byFunction);
