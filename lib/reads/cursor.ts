import { z } from "zod";
import { isId, type IdPrefix } from "@/lib/ids";

/** A keyset position in a newest-first list: the last row of a page. */
export type Cursor = { createdAt: Date; id: string };

/**
 * Cursors are opaque to callers: base64url of "<createdAt ISO>|<id>". Paging by (createdAt, id)
 * instead of an offset visits every row exactly once even while new rows arrive at the head.
 */
export function encodeCursor(row: Cursor): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`, "utf8").toString("base64url");
}

/** The `cursor` query parameter of a list of rows with ids of this kind; a bogus one fails validation (400). */
export function cursorSchema(prefix: IdPrefix) {
  return z
    .string()
    .max(200)
    .transform((raw, ctx): Cursor => {
      const [time, id, ...rest] = Buffer.from(raw, "base64url").toString("utf8").split("|");
      const createdAt = new Date(time ?? "");
      if (
        rest.length ||
        !isId(prefix, id) ||
        Number.isNaN(createdAt.getTime()) ||
        encodeCursor({ createdAt, id }) !== raw
      ) {
        ctx.addIssue({
          code: "custom",
          message: "not a cursor this list returned (pass `nextCursor` as it is)",
        });
        return z.NEVER;
      }
      return { createdAt, id };
    })
    .meta({
      description: "`nextCursor` of the previous page, passed as it is (opaque, base64url)",
      pattern: "^[A-Za-z0-9_-]+$",
    });
}

/** Prisma `where` for rows strictly after the cursor in (createdAt desc, id desc) order. */
export function afterCursor(cursor: Cursor | undefined) {
  if (!cursor) return {};
  return {
    OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }],
  };
}

/** Splits a `limit + 1` fetch into the page and the cursor of the next one. */
export function pageOf<T extends Cursor>(rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: encodeCursor(page[page.length - 1]!) };
}
