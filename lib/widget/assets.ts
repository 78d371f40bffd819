import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The page's script and stylesheet, served from public/widget/ and referenced with a hash of their
 * content, so a deploy never mixes an old cached script with a new page.
 */
export const WIDGET_ASSET_FILES = { script: "widget/frame.js", style: "widget/frame.css" } as const;

let cached: { script: string; style: string } | undefined;

export function widgetAssetUrls(): { script: string; style: string } {
  cached ??= {
    script: versioned(WIDGET_ASSET_FILES.script),
    style: versioned(WIDGET_ASSET_FILES.style),
  };
  return cached;
}

function versioned(file: string): string {
  try {
    const content = fs.readFileSync(path.join(process.cwd(), "public", file));
    return `/${file}?v=${createHash("sha256").update(content).digest("hex").slice(0, 12)}`;
  } catch {
    return `/${file}`;
  }
}
