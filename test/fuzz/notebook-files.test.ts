// Fuzzing the notebook reader: mutated copies of every shipped notebook and fixture (truncated,
// cut, spliced, stuffed with tags, duplicated cells, huge cells) and plain noise. Reading one must
// give a notebook or a NotebookFileError at file:line:column, never another exception and never a
// hang, and must leave the file as it was. A notebook read must survive a save and a re-read.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { notebookFiles } from "../helpers/notebooks.ts";
import { HANG_MS, ReaderThread } from "../helpers/reader-thread.ts";
import { assertFuzz, fuzzSettings } from "./settings.ts";

const settings = fuzzSettings(100);
/** Time for fast-check to run the cases and shrink a failure before it reports what it has. */
const SHRINK_MS = 120_000;

const seeds = [...notebookFiles("notebooks"), ...notebookFiles("test/fixtures"), ...notebookFiles("test/fixtures/invalid")].map((file) => ({
  name: basename(file),
  text: readFileSync(file, "utf8")
}));

const TOKENS = [
  "<notebook>", "</notebook>", '<notebook theme="air">', "<script>", "</script>", '<script id="1" type="module">',
  '<script id="2" type="text/markdown">', '<script id="x">', '<script type="text/x-python-notebook">', "<script",
  "<title>", "</title>", "<!--", "-->", "<!doctype html>", "<html>", "<body>", "<div>", "</div>", "<b>", "<table><td>",
  "<p>", "<svg>", "<template>", "<style>", "<textarea>", "<plaintext>", "<![CDATA[", "<?xml?>", ' id="1"', ' id="01"',
  ' id="-3"', ' pinned=""', ' hidden', ' output="x"', ' type="module"', ' a=b', '"', "'", "<", ">", "/>", "=", "&amp;",
  "&#0;", "\u0000", "\uFFFD", "\uD800", "\r\n", "\n", "\t", "\u2028", "é", "😀", "${", "`", "<\\/script>", "</scrip"
];

type Mutation =
  | { kind: "truncate"; at: number }
  | { kind: "delete"; at: number; length: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "repeat"; at: number; token: string; times: number }
  | { kind: "duplicate"; from: number; length: number; to: number }
  | { kind: "duplicate-cell"; cell: number; to: number }
  | { kind: "replace-id"; cell: number; id: string }
  | { kind: "huge-cell"; at: number; size: number };

const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("truncate" as const), at: fraction }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), at: fraction, length: fc.integer({ min: 1, max: 200 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("insert" as const), at: fraction, text: fc.constantFrom(...TOKENS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("insert" as const), at: fraction, text: fc.string({ unit: "binary", maxLength: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("repeat" as const), at: fraction, token: fc.constantFrom(...TOKENS), times: fc.integer({ min: 2, max: 30_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("duplicate" as const), from: fraction, length: fc.integer({ min: 1, max: 400 }), to: fraction }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("duplicate-cell" as const), cell: fc.nat(), to: fraction }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("replace-id" as const), cell: fc.nat(), id: fc.oneof(fc.integer({ min: -2, max: 12 }).map(String), fc.string({ maxLength: 6 })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("huge-cell" as const), at: fraction, size: fc.integer({ min: 50_000, max: 500_000 }) }) }
);

type FileCase = { kind: "mutated"; seed: number; mutations: Mutation[] } | { kind: "bytes"; bytes: Uint8Array } | { kind: "text"; text: string };

const fileCase: fc.Arbitrary<FileCase> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("mutated" as const), seed: fc.nat({ max: seeds.length - 1 }), mutations: fc.array(mutation, { minLength: 1, maxLength: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("bytes" as const), bytes: fc.uint8Array({ maxLength: 4096 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("text" as const), text: fc.string({ unit: "binary", maxLength: 2000 }) }) }
);

const CELL = /<script\b[^>]*>[\s\S]*?<\/script\s*>/gi;

function applyMutation(text: string, change: Mutation): string {
  const at = (position: number) => Math.floor(position * text.length);
  const cells = () => [...text.matchAll(CELL)];
  switch (change.kind) {
    case "truncate":
      return text.slice(0, at(change.at));
    case "delete":
      return text.slice(0, at(change.at)) + text.slice(at(change.at) + change.length);
    case "insert":
      return text.slice(0, at(change.at)) + change.text + text.slice(at(change.at));
    case "repeat":
      return text.slice(0, at(change.at)) + change.token.repeat(change.times) + text.slice(at(change.at));
    case "duplicate": {
      const piece = text.slice(at(change.from), at(change.from) + change.length);
      return text.slice(0, at(change.to)) + piece + text.slice(at(change.to));
    }
    case "duplicate-cell": {
      const found = cells();
      if (!found.length) return text;
      const piece = found[change.cell % found.length][0];
      return text.slice(0, at(change.to)) + piece + text.slice(at(change.to));
    }
    case "replace-id": {
      const found = cells();
      if (!found.length) return text;
      const cell = found[change.cell % found.length];
      const replaced = cell[0].replace(/\bid="[^"]*"/, `id="${change.id.replace(/"/g, "&quot;")}"`);
      return text.slice(0, cell.index) + replaced + text.slice(cell.index! + cell[0].length);
    }
    case "huge-cell": {
      const body = "const filler = 1;\n".repeat(Math.ceil(change.size / 18));
      return `${text.slice(0, at(change.at))}<script id="999" type="module">\n${body}</script>${text.slice(at(change.at))}`;
    }
  }
}

function contentOf(test: FileCase): string | Uint8Array {
  if (test.kind === "bytes") return test.bytes;
  if (test.kind === "text") return test.text;
  return test.mutations.reduce(applyMutation, seeds[test.seed].text);
}

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

/** 1-based line and column are inside the file. */
function expectInside(text: string, line: number, column: number): void {
  const lines = text.split("\n");
  expect(line).toBeGreaterThanOrEqual(1);
  expect(line).toBeLessThanOrEqual(lines.length);
  expect(column).toBeGreaterThanOrEqual(1);
  expect(column).toBeLessThanOrEqual(lines[line - 1].length + 1);
}

const counts = { cases: 0, mutations: 0, mutatedFiles: 0, noise: 0, notebooks: 0, rejected: 0, largest: 0 };
const reader = new ReaderThread();
const folder = mkdtempSync(join(tmpdir(), "exemplar-fuzz-files-"));

afterAll(() => {
  reader.close();
  rmSync(folder, { recursive: true, force: true });
  console.log(
    `file fuzz (seed ${settings.seed}): ${counts.cases} files (${counts.mutatedFiles} mutated with ${counts.mutations} mutations, ${counts.noise} noise),`,
    `${counts.notebooks} read as notebooks, ${counts.rejected} rejected with a location; largest ${(counts.largest / 1e6).toFixed(1)} MB`
  );
});

describe("malformed notebook files (fuzzed)", () => {
  it("give a notebook or a located NotebookFileError, never another exception or a hang, and are never modified", { timeout: SHRINK_MS + HANG_MS + 60_000 }, async () => {
    await assertFuzz(
      "the notebook file fuzzer",
      settings,
      fc.asyncProperty(fileCase, async (test) => {
        const content = contentOf(test);
        const path = join(folder, `case-${counts.cases}.html`);
        writeFileSync(path, content);
        counts.cases++;
        if (test.kind === "mutated") {
          counts.mutatedFiles++;
          counts.mutations += test.mutations.length;
        } else counts.noise++;
        counts.largest = Math.max(counts.largest, content.length);
        const before = sha256(path);
        const reply = await reader.read(path);
        expect(sha256(path)).toBe(before);
        const text = readFileSync(path, "utf8");
        if (reply.kind === "other-error") throw new Error(`reading threw ${reply.name}, not a NotebookFileError:\n${reply.stack}`);
        if (reply.kind === "file-error") {
          counts.rejected++;
          expect(reply.message.startsWith(`${path}:${reply.line}:${reply.column}: `)).toBe(true);
          expectInside(text, reply.line, reply.column);
        } else {
          counts.notebooks++;
          for (const warning of reply.warnings) expectInside(text, warning.line, warning.column);
          // What a save writes is clean and reads back the same.
          expect(reply.reread.warnings).toEqual([]);
          expect(reply.reread.cells).toEqual(reply.cells);
          expect(reply.reread.title).toBe(reply.title);
        }
        rmSync(path);
      }),
      SHRINK_MS
    );
    // A replayed case (FUZZ_PATH) runs once; a whole run runs them all.
    if (!settings.path) expect(counts.cases).toBeGreaterThanOrEqual(Math.min(settings.numRuns, 20));
  });
});
