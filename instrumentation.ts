// Runs once when a Next.js server process starts (never during `next build`).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("@/lib/bootstrap/start-server");
  await startServer();
}
