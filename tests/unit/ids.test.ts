import { describe, expect, it } from "vitest";
import { TypeID } from "typeid-js";
import { ID_PREFIXES, isId, newId, type IdPrefix } from "@/lib/ids";

const prefixes = Object.keys(ID_PREFIXES) as IdPrefix[];

describe("newId", () => {
  it.each(prefixes)("makes a well-formed %s id", (prefix) => {
    const id = newId(prefix);
    expect(id).toMatch(new RegExp(`^${prefix}_[0-9a-z]{26}$`));
    expect(isId(prefix, id)).toBe(true);
    // round-trips through the reference implementation
    expect(TypeID.fromString(id, prefix).toString()).toBe(id);
  });

  it("is unique and sorts by creation order", () => {
    const ids = Array.from({ length: 2000 }, () => newId("ver"));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it("embeds the creation time (UUIDv7)", () => {
    const before = Date.now();
    const id = newId("evt");
    const after = Date.now();
    const uuid = TypeID.fromString(id, "evt").toUUID().replace(/-/g, "");
    const ms = parseInt(uuid.slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after);
  });
});

describe("isId", () => {
  const valid = newId("app");

  it("refuses another kind's id", () => {
    expect(isId("ver", valid)).toBe(false);
    expect(isId("app", newId("ten"))).toBe(false);
  });

  it.each([
    ["empty", ""],
    ["no prefix", valid.slice(4)],
    ["upper case", valid.toUpperCase()],
    ["too short", valid.slice(0, -1)],
    ["too long", `${valid}0`],
    ["letter outside Crockford base32 (u)", `${valid.slice(0, -1)}u`],
    ["first suffix character over 7 (overflows 128 bits)", `app_8${valid.slice(5)}`],
    ["SQL", "app_' OR 1=1 --"],
    ["trailing newline", `${valid}\n`],
  ])("refuses %s", (_, value) => {
    expect(isId("app", value)).toBe(false);
  });

  it("refuses non-strings", () => {
    expect(isId("app", undefined)).toBe(false);
    expect(isId("app", 42)).toBe(false);
    expect(isId("app", { id: valid })).toBe(false);
  });
});
