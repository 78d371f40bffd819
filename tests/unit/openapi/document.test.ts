import fs from "node:fs";
import path from "node:path";
import { validate } from "@readme/openapi-parser";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { API_OPERATIONS, buildOpenApiDocument } from "@/lib/openapi/document";

const root = path.resolve(import.meta.dirname, "../../..");
const apiDir = path.join(root, "app/api/v1");
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

type RouteMethod = {
  method: string;
  path: string;
  file: string;
  /** `readJsonBody(request, X)` or `bodyFirstRoute(X, …)` / `readQuery(request, X)`: where X is imported from */
  body?: SchemaImport;
  query?: SchemaImport;
};
type SchemaImport = { module: string; name: string };

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** "app/api/v1/apps/[id]/templates/route.ts" → "/api/v1/apps/{id}/templates" */
function urlPath(file: string): string {
  const segments = path
    .relative(path.join(root, "app"), path.dirname(file))
    .split(path.sep)
    .filter((segment) => !/^\(.*\)$/.test(segment)); // route groups are not part of the URL
  return "/" + segments.map((s) => s.replace(/^\[(\w+)\]$/, "{$1}")).join("/");
}

/**
 * The HTTP methods a route file really serves, read from its syntax tree: an exported handler
 * counts unless it is `methodNotAllowed(...)` or an alias of one (`export const PUT = POST`).
 */
function servedMethods(file: string): RouteMethod[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const imports = new Map<string, SchemaImport>();
  const initializers = new Map<string, ts.Node>();
  const exported = new Set<string>();
  for (const statement of source.statements) {
    if (
      ts.isImportDeclaration(statement) &&
      statement.importClause?.namedBindings &&
      ts.isNamedImports(statement.importClause.namedBindings)
    ) {
      const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
      for (const element of statement.importClause.namedBindings.elements) {
        imports.set(element.name.text, {
          module: specifier,
          name: (element.propertyName ?? element.name).text,
        });
      }
    }
    const isExported =
      ts.canHaveModifiers(statement) &&
      ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
        initializers.set(declaration.name.text, declaration.initializer);
        if (isExported) exported.add(declaration.name.text);
      }
    }
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      initializers.set(statement.name.text, statement);
      if (isExported) exported.add(statement.name.text);
    }
    if (
      ts.isExportDeclaration(statement) &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const element of statement.exportClause.elements) {
        exported.add(element.name.text);
        if (element.propertyName)
          initializers.set(element.name.text, ts.factory.createIdentifier(element.propertyName.text));
      }
    }
  }

  const handlerOf = (name: string, seen = new Set<string>()): ts.Node | undefined => {
    const node = initializers.get(name);
    if (node && ts.isIdentifier(node) && !seen.has(node.text)) return handlerOf(node.text, seen.add(name));
    return node;
  };
  const isMethodNotAllowed = (node: ts.Node) =>
    ts.isCallExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === "methodNotAllowed";
  /** `readers`: the functions that take a schema, each with the position of its schema argument. */
  const schemaPassedTo = (node: ts.Node, readers: Record<string, number>): SchemaImport | undefined => {
    let found: SchemaImport | undefined;
    const visit = (child: ts.Node) => {
      if (
        ts.isCallExpression(child) &&
        ts.isIdentifier(child.expression) &&
        Object.hasOwn(readers, child.expression.text)
      ) {
        const argument = child.arguments[readers[child.expression.text]!];
        if (argument && ts.isIdentifier(argument)) {
          found = imports.get(argument.text) ?? {
            module: "(declared in the route file)",
            name: argument.text,
          };
        }
      }
      ts.forEachChild(child, visit);
    };
    visit(node);
    return found;
  };

  return HTTP_METHODS.filter((method) => exported.has(method))
    .map((method) => ({ method, handler: handlerOf(method) }))
    .filter(({ handler }) => handler && !isMethodNotAllowed(handler))
    .map(({ method, handler }) => ({
      method: method.toLowerCase(),
      path: urlPath(file),
      file: path.relative(root, file),
      body: schemaPassedTo(handler!, { readJsonBody: 1, bodyFirstRoute: 0 }),
      query: schemaPassedTo(handler!, { readQuery: 1 }),
    }));
}

const routes = routeFiles(apiDir).flatMap(servedMethods);
const key = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const document = buildOpenApiDocument({ serverUrl: "https://otp.example.com" });
    expect(document.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it("finds the route files it checks (the walk itself works)", () => {
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.map(key)).toContain("POST /api/v1/otp/send");
    expect(routes.map(key)).toContain("PATCH /api/v1/apps/{id}/templates/{templateId}");
    // methodNotAllowed() exports and their aliases are not served methods.
    expect(routes.map(key)).not.toContain("GET /api/v1/otp/send");
    expect(routes.map(key)).not.toContain("DELETE /api/v1/apps/{id}");
  });

  it("describes every method every route under app/api/v1 serves, and nothing else", () => {
    const documented = API_OPERATIONS.map(key).sort();
    const served = routes.map(key).sort();
    expect(
      served.filter((route) => !documented.includes(route)),
      "routes without an OpenAPI entry",
    ).toEqual([]);
    expect(
      documented.filter((operation) => !served.includes(operation)),
      "OpenAPI entries without a route",
    ).toEqual([]);
    expect(new Set(documented).size, "an operation is described twice").toBe(documented.length);
  });

  it("documents each request with the very zod schema the route validates with", async () => {
    for (const route of routes) {
      const operation = API_OPERATIONS.find((op) => key(op) === key(route));
      if (!operation) continue; // reported by the coverage test above
      for (const part of ["body", "query"] as const) {
        const imported = route[part];
        if (!imported) {
          expect(
            operation[part],
            `${key(route)} documents a ${part} the route does not read`,
          ).toBeUndefined();
          continue;
        }
        expect(
          imported.module,
          `${key(route)}: import the ${part} schema from lib/ so the document can use it`,
        ).toMatch(/^@\/lib\//);
        const exports = (await import(imported.module.replace(/^@\//, `${root}/`))) as Record<
          string,
          unknown
        >;
        expect(
          exports[imported.name],
          `${key(route)}: ${imported.module} exports ${imported.name}`,
        ).toBeDefined();
        expect(
          operation[part] === exports[imported.name],
          `${key(route)} documents its ${part} with ${imported.name}`,
        ).toBe(true);
      }
    }
  });

  it("gives every operation a unique id, and authenticated ones the four credential forms and the standard errors", () => {
    const document = buildOpenApiDocument();
    const ids = API_OPERATIONS.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(document.components!.securitySchemes!).sort()).toEqual([
      "basic",
      "bearer",
      "campaignKey", // the compatibility routes' credentials (tests/unit/openapi/compat-document.test.ts)
      "keyId",
      "keySecret",
      "secretHeader",
      "userJwtToken",
    ]);
    for (const operation of API_OPERATIONS) {
      const described = document.paths![operation.path]![operation.method]!;
      const statuses = Object.keys(described.responses!);
      expect(statuses, key(operation)).toContain(String(operation.response.status));
      if (operation.public) {
        expect(described.security).toEqual([]);
        continue;
      }
      expect(described.security, key(operation)).toHaveLength(4);
      expect(statuses, key(operation)).toEqual(expect.arrayContaining(["401", "429", "500", "503"]));
      if (operation.body)
        expect(statuses, key(operation)).toEqual(expect.arrayContaining(["400", "413", "415"]));
    }
  });

  it("turns zod request schemas into JSON Schema with their limits, and shares response objects as components", () => {
    const document = buildOpenApiDocument();
    const send = document.paths!["/api/v1/otp/send"]!.post!;
    const body = (send.requestBody as { content: Record<string, { schema: Record<string, any> }> }).content[
      "application/json"
    ]!.schema;
    expect(body.properties.codeLength).toMatchObject({ type: "integer", minimum: 4, maximum: 10 });
    expect(body.properties.channel.enum).toEqual(["sms", "whatsapp", "auto"]);
    expect((send.parameters as { name: string }[]).map((p) => p.name)).toContain("Idempotency-Key");
    const created = (send.responses!["201"] as { content: Record<string, { schema: unknown }> }).content[
      "application/json"
    ]!.schema;
    expect(created).toEqual({ $ref: "#/components/schemas/Verification" });
    expect(Object.keys(document.components!.schemas!)).toEqual(
      expect.arrayContaining(["Verification", "App", "Template", "Problem"]),
    );

    const list = document.paths!["/api/v1/otp/list"]!.get!;
    const limit = (
      list.parameters as unknown as { name: string; required: boolean; schema: Record<string, unknown> }[]
    ).find((p) => p.name === "limit")!;
    expect(limit).toMatchObject({
      required: false,
      schema: { type: "integer", minimum: 1, maximum: 100, default: 20 },
    });

    const conflict = (document.paths!["/api/v1/apps/{id}/templates"]!.post!.responses!["409"] as any).content[
      "application/problem+json"
    ].schema;
    expect(conflict.allOf[1].properties.code.enum).toEqual(["conflict"]);
  });
});
