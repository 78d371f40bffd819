import { createHash } from "node:crypto";

/**
 * @upstash/ratelimit (≥ 2.1) starts its Lua scripts with `#!lua flags=allow-key-locking`, a flag only
 * Upstash knows; a vanilla Redis 7 refuses the script ("Unexpected flag in script shebang"). Dropping
 * the shebang line runs the script the classic way, which Redis has always accepted.
 */
const UNSUPPORTED_SHEBANG = /^#!lua flags=allow-key-locking[^\n]*/;

export function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/**
 * Rewrites EVAL/EVALSHA for a vanilla Redis. The caller names scripts by the sha of the flagged text
 * (ratelimit hard-codes those hashes), Redis knows them by the sha of the stripped text: EVAL records
 * the pair, EVALSHA translates. An unknown sha passes through, Redis answers NOSCRIPT and the caller
 * falls back to EVAL, which records it.
 */
export class LuaFlagStripper {
  readonly #redisShaOf = new Map<string, string>();

  /** The script to hand to Redis for EVAL or SCRIPT LOAD. */
  script(script: string): string {
    const stripped = script.replace(UNSUPPORTED_SHEBANG, "");
    if (stripped !== script) this.#redisShaOf.set(sha1(script), sha1(stripped));
    return stripped;
  }

  /** The sha to hand to Redis for EVALSHA. */
  sha(sha: string): string {
    return this.#redisShaOf.get(sha.toLowerCase()) ?? sha;
  }
}
