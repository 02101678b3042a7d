import js from "@eslint/js";
import drizzle from "eslint-plugin-drizzle";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", ".data/**", "next-env.d.ts", "playwright-report/**", "test-results/**", "bench/results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    // Every update and delete names its rows (and so its organization).
    files: ["server/**/*.ts", "db/**/*.ts"],
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
    },
  },
  {
    // The server never reaches into the UI: messages both read live in messages/ at the root.
    files: ["server/**/*.ts", "db/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/app/*", "@/app"], message: "server/ and db/ never import app/." }] }],
    },
  },
  {
    // Services are verbs any transport calls (tRPC, route handlers, jobs): they know nothing of tRPC.
    files: ["server/services/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app/*", "@/app"], message: "server/ and db/ never import app/." },
            {
              group: ["@trpc/*", "@/server/trpc/*", "../trpc/*"],
              message: "services never import tRPC: throw AppError, the transports map it.",
            },
          ],
        },
      ],
    },
  },
  {
    // The domain is pure: no database, framework or transport.
    files: ["server/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@/db/*",
                "@/db",
                "../../db/*",
                "drizzle-orm*",
                "@trpc/*",
                "next",
                "next/*",
                "next-auth*",
                "react",
                "react-dom",
                "@/server/services/*",
                "@/server/trpc/*",
                "@/app/*",
              ],
              message: "server/domain is pure: no db, ORM, tRPC, Next or React.",
            },
          ],
        },
      ],
    },
  },
  {
    // Pages and components reach data through tRPC, never the database.
    files: ["app/**/*.ts", "app/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/db/*", "@/db", "drizzle-orm*"], message: "app/ never imports db/: go through a tRPC procedure." }] },
      ],
    },
  },
);
