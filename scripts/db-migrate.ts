/**
 * `npm run db:migrate`: applies prisma/migrations to the database the server uses (DATABASE_URL, or the
 * embedded one in OTPILOT_DATA_DIR, through the running server's socket when it holds the folder).
 */
import { closeDb, databaseBackend, migrateDb } from "@/lib/db/client";

try {
  const { applied } = await migrateDb();
  const where = databaseBackend() === "postgres" ? "PostgreSQL (DATABASE_URL)" : "the embedded database";
  if (applied.length === 0) console.log(`No pending migrations in ${where}.`);
  else console.log(`Applied to ${where}:\n${applied.map((name) => `  ${name}`).join("\n")}`);
} catch (error) {
  console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await closeDb();
}
