import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { repoRoot, signalGroup, spawnService } from "../../scripts/lib/services";

/**
 * The job worker as its own process (`npm run worker`), as in a deployment that runs it apart from
 * the web servers. The integration tests run one for the whole run (tests/setup/global.ts); a test
 * that kills it starts the next one with startWorkerProcess(), and the pid file tells the global
 * teardown which one to stop.
 */
export function startWorkerProcess(env: Record<string, string | undefined>, logFile: string, pidFile: string): ChildProcess {
  const command = [process.execPath, path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "scripts/worker.ts"];
  const worker = spawnService("the worker", command, { env: env as NodeJS.ProcessEnv, logFile, append: true }, null);
  fs.writeFileSync(pidFile, String(worker.pid));
  return worker;
}

/** Kills the worker's whole process group (tsx runs the script in a child process). */
export function killWorkerProcess(pid: number, signal: NodeJS.Signals = "SIGKILL"): void {
  signalGroup(pid, signal);
}

/** Waits until the worker logged that it is running (or fails after the timeout). */
export async function waitForWorker(logFile: string, since: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").slice(since) : "";
    if (text.includes("OTPilot worker running")) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the worker did not start; log tail:\n${fs.readFileSync(logFile, "utf8").slice(-3000)}`);
}
