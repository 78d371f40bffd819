import { Prisma } from "@/lib/generated/prisma/client";

/**
 * SQL pieces for writing events inside a use case's own statement (a CTE next to the change they
 * record). Every event of a verification carries the verification's mode, and the events of a
 * verification started elsewhere than the native API carry its source in their data (`"widget"`,
 * CONTRACT §8; `"compat:<style>"`, §12): the writer
 * states both, as it holds the verification (no trigger looks them up).
 */

/** `data`, plus `source` when the verification's source (a SQL expression) is not the native API. */
export function eventDataSql(data: Prisma.InputJsonObject, source: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(${JSON.stringify(data)}::jsonb || CASE WHEN ${source} <> 'api' THEN jsonb_build_object('source', ${source}) ELSE '{}'::jsonb END)`;
}

/** The event data a verification of a known source carries (computed in Node). */
export function eventData(data: Prisma.InputJsonObject, source: string): Prisma.InputJsonObject {
  return source !== "api" ? { ...data, source } : data;
}

/** The column list of an `INSERT INTO "Event"` that the SELECTs and VALUES of these pieces fill. */
export const EVENT_COLUMNS = Prisma.sql`("id", "tenantId", "appId", "verificationId", "mode", "type", "data", "createdAt")`;

/** One row of EVENT_COLUMNS from values known in Node. */
export function eventValues(event: {
  id: string;
  tenantId: string;
  appId: string;
  verificationId: string;
  mode: string;
  type: string;
  data: Prisma.InputJsonObject;
  at: Date;
}): Prisma.Sql {
  return Prisma.sql`(${event.id}, ${event.tenantId}, ${event.appId}, ${event.verificationId}, ${event.mode}::"KeyMode", ${event.type}, ${JSON.stringify(event.data)}::jsonb, ${event.at}::timestamp)`;
}
