// The benchmark runner: runs the chosen suites in one process, prints one table (or JSON), and
// with --readme writes the table into the README's Benchmarks section with its date and machine.
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { describeMachine, loadPerCore } from "./lib/environment.ts";
import { formatTable, type BenchReport, type BenchRow } from "./lib/table.ts";

const SUITES = ["reaction", "training", "backends", "teacher", "warm", "memory", "guard", "stretches", "chromium", "page", "trainers", "startup", "big", "sql"] as const;
type Suite = (typeof SUITES)[number];

const USAGE = `usage: npm run bench [-- --json] [-- --long] [-- --only ${SUITES.join(",")}] [-- --readme]
  --json    print the report as JSON (every sample included) instead of the table
  --long    more rounds, epochs and edits (tens of minutes on 2 cores)
  --only    run only these suites (comma-separated)
  --readme  also write the table into README.md's Benchmarks section`;

export async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { json: { type: "boolean" }, long: { type: "boolean" }, only: { type: "string" }, readme: { type: "boolean" }, help: { type: "boolean" } } }));
  } catch (error) {
    console.error(`bench: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const only = values.only?.split(",").map((name) => name.trim()) ?? [...SUITES];
  const unknown = only.filter((name) => !SUITES.includes(name as Suite));
  if (unknown.length) {
    console.error(`bench: unknown suite ${unknown.join(", ")}\n${USAGE}`);
    return 2;
  }
  const long = !!values.long;
  const report: BenchReport = { date: new Date().toISOString(), machine: describeMachine(), options: { long, only }, rows: [], notes: [] };
  const loadBefore = loadPerCore();
  const add = ({ rows, notes }: { rows: BenchRow[]; notes: string[] }) => {
    report.rows.push(...rows);
    report.notes.push(...notes);
  };
  const progress = (name: string) => console.error(`bench: ${name}…`);

  // tfjs and its backends first, through the Node kernel's own loader (this also probes webgpu).
  const { benchTensorflow } = await import("./node/backends.ts");
  const tensorflow = await benchTensorflow();
  report.notes.push(`tfjs backends here: ${tensorflow.ready.join(", ")}${tensorflow.notes.length ? `; ${tensorflow.notes.join("; ")}` : ""}`);
  const run: Record<Suite, () => Promise<void>> = {
    reaction: async () => add(await (await import("./node/reaction.ts")).reactionBench({ long })),
    training: async () => add(await (await import("./node/training.ts")).trainingBench(tensorflow, { long })),
    backends: async () => add(await (await import("./node/backend-choice.ts")).backendChoiceBench(tensorflow, { long })),
    teacher: async () => add(await (await import("./node/teacher-loop.ts")).teacherLoopBench({ long })),
    warm: async () => add(await (await import("./node/warm-retrain.ts")).warmRetrainBench({ long })),
    memory: async () => add(await (await import("./node/memory.ts")).memoryBench(tensorflow.tf, { long })),
    guard: async () => add(await (await import("./node/loop-guard.ts")).loopGuardBench({ long })),
    stretches: async () => {
      add(await (await import("./node/lesson-stretches.ts")).lessonStretchesBench());
      add(await (await import("./chromium/lesson-stretches.ts")).pageStretchesBench({ long }));
    },
    chromium: async () => add(await (await import("./chromium/suite.ts")).chromiumBench({ long })),
    page: async () => add(await (await import("./chromium/page-suite.ts")).pageBench({ long })),
    trainers: async () => add(await (await import("./chromium/trainers-suite.ts")).trainersBench({ long })),
    startup: async () => add(await (await import("./chromium/startup.ts")).startupBench({ long })),
    big: async () => add(await (await import("./chromium/big-notebook.ts")).bigNotebookBench({ long })),
    sql: async () => add(await (await import("./chromium/sql.ts")).sqlBench({ long }))
  };
  for (const suite of SUITES) {
    if (!only.includes(suite)) continue;
    progress(suite);
    await run[suite]();
  }
  const load = Math.max(loadBefore, loadPerCore());
  if (load > 1) report.notes.push(`the machine was busy (load ${load.toFixed(1)} per core): absolute times are inflated; compare the ratios`);

  if (values.json) console.log(JSON.stringify(report, null, 2));
  else console.log(formatReport(report));
  if (values.readme) await writeReadme(report);
  return 0;
}

function formatReport(report: BenchReport): string {
  const heading = `${report.date.slice(0, 10)} · ${report.machine}${report.options.long ? " · --long" : ""}`;
  return [heading, "", formatTable(report.rows), "", ...report.notes.map((note) => `- ${note}`)].join("\n");
}

const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";

/** Replaces what lies between the README's bench markers with this report. */
async function writeReadme(report: BenchReport): Promise<void> {
  const path = new URL("../README.md", import.meta.url);
  const readme = await readFile(path, "utf8");
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} section to write the table into`);
  const body = `${START}\n${formatReport(report)}\n${END}`;
  await writeFile(path, readme.slice(0, start) + body + readme.slice(end + END.length));
  console.error("bench: README.md's Benchmarks section updated");
}
