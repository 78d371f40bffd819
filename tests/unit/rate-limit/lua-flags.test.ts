import { describe, expect, it } from "vitest";
import { LuaFlagStripper, sha1 } from "@/lib/rate-limit/lua-flags";

describe("LuaFlagStripper", () => {
  const flagged = "#!lua flags=allow-key-locking\n  local key = KEYS[1]\n  return redis.call('GET', key)\n";

  it("drops Upstash's allow-key-locking shebang and keeps the script", () => {
    const stripped = new LuaFlagStripper().script(flagged);
    expect(stripped).toBe("\n  local key = KEYS[1]\n  return redis.call('GET', key)\n");
  });

  it("maps the flagged script's sha to the stripped one once the script was seen", () => {
    const flags = new LuaFlagStripper();
    expect(flags.sha(sha1(flagged))).toBe(sha1(flagged)); // unknown yet: passes through, Redis says NOSCRIPT
    const stripped = flags.script(flagged);
    expect(flags.sha(sha1(flagged))).toBe(sha1(stripped));
    expect(flags.sha(sha1(flagged).toUpperCase())).toBe(sha1(stripped));
  });

  it("leaves other scripts and their shas alone", () => {
    const flags = new LuaFlagStripper();
    const plain = "return 1";
    const otherShebang = "#!lua flags=no-writes\nreturn 1";
    expect(flags.script(plain)).toBe(plain);
    expect(flags.script(otherShebang)).toBe(otherShebang);
    expect(flags.sha(sha1(plain))).toBe(sha1(plain));
  });
});
