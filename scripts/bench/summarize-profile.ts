/**
 * `npx tsx scripts/bench/summarize-profile.ts <file.cpuprofile> [--top 40] [--filter text] [--last ms]`
 *
 * Where a V8 CPU profile (from `npm run bench -- --cpu-prof <dir>`) spends its time: self time by
 * package (node internals, next, prisma, pg, …, or the app's bundled code), the functions with the
 * most self time, and the functions with the most total time (self + callees, each counted once per
 * stack so recursion does not inflate it). `--filter` keeps stacks that pass through a function
 * whose name or file contains the text, to look at one route. `--last` keeps the samples of the
 * profile's last milliseconds: the last scenario of cpu-check.ts (verify runs 6 s before the server stops).
 */
import fs from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; hitCount?: number; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "40" }, filter: { type: "string" }, last: { type: "string" } },
});
if (positionals.length !== 1) {
  console.error("usage: summarize-profile.ts <file.cpuprofile> [--top 40] [--filter text]");
  process.exit(2);
}
const top = Number(values.top);
const profile = JSON.parse(fs.readFileSync(positionals[0]!, "utf8")) as CpuProfile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

/**
 * The build's server chunks are minified: their source maps (next to them) give the original file,
 * e.g. `[project]/lib/otp/send.ts` or `[project]/node_modules/zod/…`, so time lands where it belongs.
 */
const projectRoot = `${path.resolve(import.meta.dirname, "../..")}/`;
const sourceMaps = new Map<string, SourceMap | null>();
function original(frame: CallFrame): CallFrame {
  if (!frame.url.includes("/.next/server/")) return frame;
  if (!sourceMaps.has(frame.url)) {
    let map: SourceMap | null = null;
    try {
      map = new SourceMap(JSON.parse(fs.readFileSync(`${fileURLToPath(frame.url)}.map`, "utf8")));
    } catch {
      // no map: keep the bundle's position
    }
    sourceMaps.set(frame.url, map);
  }
  const entry = sourceMaps.get(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber) as
    | { originalSource?: string; originalLine?: number; name?: string }
    | undefined;
  if (!entry?.originalSource) return frame;
  // Sources are relative to the chunk's folder ("../../../lib/otp/send.ts"), or turbopack:/// runtime files.
  const source = entry.originalSource.startsWith("turbopack:")
    ? entry.originalSource
    : decodeURIComponent(path.resolve(path.dirname(fileURLToPath(frame.url)), entry.originalSource));
  return {
    functionName: frame.functionName,
    url: source.startsWith(projectRoot) && !source.includes("/node_modules/") ? `[project]/${source.slice(projectRoot.length)}` : source,
    lineNumber: entry.originalLine ?? frame.lineNumber,
    columnNumber: 0,
  };
}

/** The package a frame belongs to: the last node_modules segment, node internals, or the app's folder. */
function area(frame: CallFrame): string {
  const url = frame.url;
  if (url.startsWith("[project]/")) return url.split("/").slice(1, 3).join("/");
  if (!url) return frame.functionName.startsWith("(") ? frame.functionName : "(native)";
  if (url.startsWith("node:")) return "node";
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.includes("/.next/server/")) return "app bundle (.next/server)";
  return url.replace(/^file:\/\//, "");
}

function label(frame: CallFrame): string {
  const file = frame.url.replace(/^file:\/\//, "").replace(/^.*node_modules\//, "").replace(/^\[project\]\//, "");
  return `${frame.functionName || "(anonymous)"}  ${file.split("/").slice(-3).join("/")}:${frame.lineNumber + 1}`;
}

function stackOf(id: number): ProfileNode[] {
  const stack: ProfileNode[] = [];
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!);
  return stack;
}

for (const node of profile.nodes) node.callFrame = original(node.callFrame);
const filter = values.filter?.toLowerCase();
const selfByArea = new Map<string, number>();
const selfByFunction = new Map<string, number>();
const totalByFunction = new Map<string, number>();
let total = 0;
let idle = 0;
// Sample i was taken at startTime + the sum of timeDeltas[0..i] (microseconds).
const sampledAt: number[] = [];
for (let i = 0, at = profile.startTime; i < profile.samples.length; i++) sampledAt.push((at += profile.timeDeltas[i] ?? 0));
const from = values.last ? profile.endTime - Number(values.last) * 1000 : -Infinity;
for (let i = 0; i < profile.samples.length; i++) {
  if (sampledAt[i]! < from) continue;
  const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
  const node = byId.get(profile.samples[i]!)!;
  if (node.callFrame.functionName === "(idle)") {
    idle += ms;
    continue;
  }
  const stack = stackOf(node.id);
  if (filter && !stack.some((n) => `${n.callFrame.functionName} ${n.callFrame.url}`.toLowerCase().includes(filter)))
    continue;
  total += ms;
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + ms);
  add(selfByArea, area(node.callFrame));
  add(selfByFunction, label(node.callFrame));
  for (const key of new Set(stack.map((n) => label(n.callFrame)))) add(totalByFunction, key);
}

const table = (title: string, map: Map<string, number>, rows: number) => {
  console.log(`\n${title}`);
  for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(`${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${key}`);
};
console.log(`busy ${total.toFixed(0)} ms, idle ${idle.toFixed(0)} ms${filter ? ` (stacks through "${filter}")` : ""}`);
table("Self time by package", selfByArea, 25);
table("Self time by function", selfByFunction, top);
table("Total time by function (self + callees)", totalByFunction, top);
