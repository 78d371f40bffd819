import { inject } from "vitest";

export const baseUrl = () => inject("baseUrl");

export type ApiResponse<T = any> = { status: number; headers: Headers; body: T; text: string };

export type AuthForm = "bearer" | "pair" | "basic" | "single";

export type Credential = { keyId: string; secret: string };

/** Headers for one of the four authentication forms of CONTRACT §1. */
export function authHeaders(credential: Credential, form: AuthForm = "bearer"): Record<string, string> {
  switch (form) {
    case "bearer":
      return { Authorization: `Bearer ${credential.secret}` };
    case "pair":
      return { "X-API-Key": credential.keyId, "X-API-Secret": credential.secret };
    case "basic":
      return { Authorization: `Basic ${Buffer.from(`${credential.keyId}:${credential.secret}`).toString("base64")}` };
    case "single":
      return { "X-API-Key": credential.secret };
  }
}

/** A real HTTP call to the test server. `body` objects are sent as JSON; strings are sent as they are. */
export async function api<T = any>(
  method: string,
  path: string,
  options: { key?: Credential; form?: AuthForm; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...(options.key ? authHeaders(options.key, options.form) : {}) };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["Content-Type"] ??= "application/json";
  }
  Object.assign(headers, options.headers);
  const response = await fetch(baseUrl() + path, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

/** A random valid Brazilian mobile number (libphonenumber: MOBILE), unique enough per test. */
export function randomMobile(): string {
  const digits = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10)).join("");
  return `+55119${digits}`;
}

/** Asserts the problem+json shape of CONTRACT §3 and returns the body. */
export function expectProblem(response: ApiResponse, status: number, code: string) {
  if (response.status !== status || response.body?.code !== code) {
    throw new Error(`expected ${status} ${code}, got ${response.status} ${response.text}`);
  }
  const contentType = response.headers.get("content-type") ?? "";
  if (!contentType.startsWith("application/problem+json")) throw new Error(`expected problem+json, got ${contentType}`);
  for (const member of ["type", "title", "status", "detail", "code"]) {
    if (!(member in response.body)) throw new Error(`problem document lacks "${member}": ${response.text}`);
  }
  return response.body;
}
