import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";

// Scalar's self-contained browser bundle, served from our own origin: the reference must work on
// servers without internet access, so nothing is loaded from a CDN.
const BUNDLE = path.join(process.cwd(), "node_modules/@scalar/api-reference/dist/browser/standalone.js");

let bundle: Promise<{ body: Buffer; etag: string }> | undefined;

function loadBundle() {
  bundle ??= readFile(BUNDLE).then((body) => ({
    body,
    etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`,
  }));
  return bundle;
}

export async function GET(request: Request) {
  const { body, etag } = await loadBundle();
  const headers = {
    "Content-Type": "text/javascript; charset=utf-8",
    "Cache-Control": "public, max-age=86400",
    ETag: etag,
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(body), { headers });
}
