/**
 * `--set key=value` pairs of `app:update` into a nested settings object: dotted keys make nested
 * objects (`rateLimits.sendsPerRecipient=20`), values are JSON when they parse as JSON
 * (`20`, `true`, `["sms","whatsapp"]`, `null`) and strings otherwise (`name=My app`).
 * Comma-separated values for list settings are accepted too (`channels=whatsapp,sms`).
 */
const LIST_SETTINGS = new Set(["channels", "allowedCountries", "allowedOrigins"]);

export function parseSetArgs(pairs: string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new Error(`--set takes key=value, got "${pair}"`);
    const path = pair.slice(0, eq).trim().split(".");
    if (path.some((part) => !/^[A-Za-z][A-Za-z0-9]*$/.test(part))) throw new Error(`not a setting name: "${pair.slice(0, eq)}"`);
    const value = parseValue(path.join("."), pair.slice(eq + 1));
    let target = result;
    for (const part of path.slice(0, -1)) {
      const next = target[part];
      if (next === undefined) target[part] = {};
      else if (typeof next !== "object" || next === null) throw new Error(`"${part}" is set both as a value and as a group`);
      target = target[part] as Record<string, unknown>;
    }
    target[path.at(-1)!] = value;
  }
  return result;
}

function parseValue(key: string, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    if (LIST_SETTINGS.has(key)) return raw === "" ? [] : raw.split(",").map((item) => item.trim());
    return raw;
  }
}
