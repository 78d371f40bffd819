import { api, type ApiResponse, type Credential } from "./api";

/** Sends a code by the real API and returns the verification. */
export async function send(key: Credential, body: Record<string, unknown>) {
  const response = await api("POST", "/api/v1/otp/send", { key, body });
  if (response.status !== 201) throw new Error(`send: ${response.status} ${response.text}`);
  return response.body as { id: string; createdAt: string; recipient: string };
}

/** Every page of a list endpoint, following nextCursor; `between` runs after each page. */
export async function allPages(
  key: Credential,
  path: string,
  between: (page: number) => Promise<void> = async () => {},
): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const response: ApiResponse = await api("GET", `${path}${cursor ? `${separator}cursor=${cursor}` : ""}`, { key });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text}`);
    ids.push(...response.body.data.map((row: { id: string }) => row.id));
    cursor = response.body.nextCursor;
    pages += 1;
    await between(pages);
  } while (cursor);
  return { ids, pages };
}
