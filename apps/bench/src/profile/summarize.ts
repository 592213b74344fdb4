// Prints the hottest functions of the CPU profiles in a folder:
// node --import tsx src/profile/summarize.ts <dir> [count] [within-function]
import { summarizeProfiles } from "../lib/profile.ts";

const [dir, count, within] = process.argv.slice(2);
if (!dir) {
  console.error("usage: summarize.ts <dir of .cpuprofile files> [count] [within-function]");
  process.exit(2);
}
const summary = summarizeProfiles(dir, Number(count ?? 25), within);
console.log(`busy time ${summary.totalMs.toFixed(0)} ms`);
for (const f of summary.top) {
  console.log(
    `${f.percent.toFixed(1).padStart(5)} % ${f.selfMs.toFixed(0).padStart(7)} ms  ${f.name.padEnd(28)} ${f.location}`,
  );
}
