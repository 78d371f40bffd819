import { outboxQuerySchema } from "@/lib/delivery/outbox-query";
import type { ApiOperation } from "../registry";
import { listOf, outboxMessageObject } from "../schemas";

export const testingOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/outbox",
    operationId: "listOutbox",
    tag: "Testing",
    summary: "Read the test outbox",
    description:
      "The messages test-mode sends produced, newest first, so your own integration tests can read codes. " +
      "Needs a test key (`otpsk_test_…`); a live key answers 403.",
    query: outboxQuerySchema,
    response: { status: 200, description: "The messages.", schema: listOf(outboxMessageObject) },
    errors: ["invalid_phone_number", "forbidden"],
  },
  {
    method: "get",
    path: "/api/v1/openapi.json",
    operationId: "getOpenApiDocument",
    tag: "Meta",
    summary: "This OpenAPI document",
    public: true,
    response: { status: 200, description: "OpenAPI 3.1 document of /api/v1." },
    errors: [],
  },
];
