/**
 * `npm run db:diff` in a scratch copy of prisma/: it only ever uses in-memory PGlite, so no service is needed.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
let scratch: string | undefined;

afterEach(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

function dbDiff(cwd: string, name: string): string {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: "postgresql://nobody@127.0.0.1:1/must_not_be_used",
  };
  return execFileSync(process.execPath, ["--import", "tsx", path.join(root, "scripts/db-diff.ts"), name], {
    cwd,
    env,
    encoding: "utf8",
  });
}

function migrationFolders(cwd: string): string[] {
  return fs
    .readdirSync(path.join(cwd, "prisma/migrations"))
    .filter((name) => !name.endsWith(".toml"))
    .sort();
}

describe("db:diff", { timeout: 180_000 }, () => {
  it("finds nothing to write for the committed schema, then writes exactly the change made to it", () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "otpilot-db-diff-"));
    fs.cpSync(path.join(root, "prisma"), path.join(scratch, "prisma"), { recursive: true });
    fs.symlinkSync(path.join(root, "node_modules"), path.join(scratch, "node_modules"));
    const committed = migrationFolders(scratch);

    // The hand-written partial unique index is in the history and is not dropped by a new diff.
    expect(dbDiff(scratch, "nothing")).toMatch(/nothing to write/);
    expect(migrationFolders(scratch)).toEqual(committed);

    const schemaPath = path.join(scratch, "prisma/schema.prisma");
    const schema = fs.readFileSync(schemaPath, "utf8");
    const withColumn = schema.replace(/(model Tenant \{\n)/, "$1  nickname String?\n");
    expect(withColumn).not.toBe(schema);
    fs.writeFileSync(schemaPath, withColumn);

    expect(dbDiff(scratch, "tenant_nickname")).toMatch(
      /Wrote prisma\/migrations\/\d{14}_tenant_nickname\/migration\.sql/,
    );
    const added = migrationFolders(scratch).filter((name) => !committed.includes(name));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^\d{14}_tenant_nickname$/);
    const sql = fs.readFileSync(path.join(scratch, "prisma/migrations", added[0]!, "migration.sql"), "utf8");
    expect(sql.replace(/\s+/g, " ").trim()).toBe(
      '-- AlterTable ALTER TABLE "Tenant" ADD COLUMN "nickname" TEXT;',
    );
  });
});
