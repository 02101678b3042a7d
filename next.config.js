import createNextIntlPlugin from "next-intl/plugin";
import { securityHeaders } from "./server/security-headers.mjs";

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./app/_i18n/request.ts",
  // ICU messages compiled at build time: the browser gets the small formatter instead of the ICU parser.
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", sourceLocale: "zh-CN", precompile: true } },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "subset-font", "pdf-lib", "@pdf-lib/fontkit"],
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
