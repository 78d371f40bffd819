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
