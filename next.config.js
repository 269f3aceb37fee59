// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@node-rs/crc32", "pdfkit", "yauzl", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  // Load a route's code at its first request, not every route's at start-up: preloading all ~80
  // routes and pages cost ~25 MiB of resident memory before any request (issue 11's RSS target,
  // decision 0030). A route's first request pays the load once (tens of ms).
  experimental: { preloadEntriesOnStart: false },
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          // No page of ours uses these browser features; nothing embedded may either.
          {
            key: "Permissions-Policy",
            value: "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
          },
        ],
      },
      {
        // Case data must not stay in a browser's or a shared proxy's cache. The OpenAPI document
        // is public and may be cached. (Pages: Next marks dynamic pages no-store itself; their CSP
        // and HSTS come from proxy.ts.)
        source: "/api/v1/:path((?!openapi\\.json$).*)",
        headers: [{ key: "Cache-Control", value: "no-store" }],
      },
    ];
  },
};

export default nextConfig;
