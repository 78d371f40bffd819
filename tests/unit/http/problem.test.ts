import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/errors";
import { problemResponse, toProblem } from "@/lib/http/problem";

const prismaError = (code: string) => new Prisma.PrismaClientKnownRequestError("boom", { code, clientVersion: "7" });

describe("turning anything thrown into problem+json", () => {
  it("keeps ApiErrors as they are", () => {
    const error = new ApiError("invalid_code", "wrong", { attemptsRemaining: 2 });
    expect(toProblem(error)).toBe(error);
  });

  it.each(["P2028", "P2024", "P1001"])("a database that cannot take the request now (%s) is 503, not 500", (code) => {
    const problem = toProblem(prismaError(code));
    expect(problem.status).toBe(503);
    expect(problem.code).toBe("unavailable");
    expect(problem.headers["Retry-After"]).toBe("1");
  });

  it.each([
    ["P1017 (server closed the connection)", prismaError("P1017")],
    ["P1008 (socket timeout)", prismaError("P1008")],
    ["P2037 (too many connections)", prismaError("P2037")],
    ...["57P01", "57P02", "57P03", "08006", "08003", "53300"].map((sqlState) => [
      `P2039 with PostgreSQL ${sqlState}`,
      new Prisma.PrismaClientKnownRequestError(`Database error. Code: \`${sqlState}\``, {
        code: "P2039",
        clientVersion: "7",
        meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "postgres", originalCode: sqlState, code: sqlState } } },
      }),
    ]),
    ["pg: Connection terminated unexpectedly", new Error("Connection terminated unexpectedly")],
    ["pg: Client has encountered a connection error", new Error("Client has encountered a connection error and is not queryable")],
    ["pg: wrapped as a cause", new Error("Invalid `prisma.apiKey.findUnique()` invocation", { cause: new Error("Connection terminated unexpectedly") })],
    ["ECONNREFUSED inside an AggregateError", Object.assign(new AggregateError([Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })], ""), {})],
    ["the database is starting up", Object.assign(new Error("the database system is starting up"), { code: "57P03", severity: "FATAL" })],
  ] as Array<[string, unknown]>)("%s is 503 unavailable with Retry-After", (_, error) => {
    const problem = toProblem(error);
    expect(problem.status).toBe(503);
    expect(problem.code).toBe("unavailable");
    expect(Number(problem.headers["Retry-After"])).toBeGreaterThanOrEqual(1);
  });

  it("a database error that is the request's fault stays a 500 bug, not a 503", () => {
    const unique = new Prisma.PrismaClientKnownRequestError("Unique constraint failed", { code: "P2002", clientVersion: "7" });
    expect(toProblem(unique).status).toBe(500);
    const syntax = new Prisma.PrismaClientKnownRequestError("Database error", {
      code: "P2039",
      clientVersion: "7",
      meta: { driverAdapterError: { cause: { kind: "postgres", originalCode: "22P05", code: "22P05" } } },
    });
    expect(toProblem(syntax).status).toBe(500);
  });

  it("an unknown error is a bare 500 that leaks nothing", async () => {
    const problem = toProblem(new Error("secret internals: password=hunter2"));
    expect(problem.status).toBe(500);
    const body = await problemResponse(problem).json();
    expect(JSON.stringify(body)).not.toContain("hunter2");
    expect(body).toMatchObject({ status: 500, code: "internal_error" });
  });

  it("extra members cannot replace the standard ones", async () => {
    const body = await problemResponse(new ApiError("not_found", "nope", { status: 200, code: "ok" })).json();
    expect(body.status).toBe(404);
    expect(body.code).toBe("not_found");
  });
});
