import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

// eslint-config-next 16 exports ready-made flat-config arrays: Next's own rules plus React,
// hooks, import and jsx-a11y (core-web-vitals), and typescript-eslint's recommended set.
export default defineConfig([
  ...nextVitals,
  ...nextTypeScript,
  {
    rules: {
      // Unused code is dead code: fail the lint instead of warning, but allow `_` for
      // intentionally ignored parameters and destructured leftovers.
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // Tests read JSON answers of many shapes; typing each one would add nothing the assertions don't check.
    files: ["tests/**/*.ts", "e2e/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  globalIgnores([
    "lib/generated/**",
    ".next/**",
    ".next-*/**",
    ".data/**",
    "node_modules/**",
    "coverage/**",
    "test-results/**",
    "playwright-report/**",
    "dist/**",
    "next-env.d.ts",
  ]),
]);
