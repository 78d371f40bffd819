import { defineConfig } from "prisma/config";

// Prisma 7 reads the connection URL here, not from the schema. Only `prisma studio` and
// `prisma migrate deploy` (on machines that can run Prisma's native engine) use it; OTPilot itself
// connects through driver adapters (lib/db/client.ts) and applies migrations with its own runner.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/otpilot" },
});
