// Prisma CLI configuration (Prisma 7 reads the connection URL from here, not schema.prisma).
// The app itself never uses this file: server/db/client.ts builds its own driver adapter.
// DATABASE_URL is only needed by `prisma migrate deploy`/`studio`; `prisma generate` ignores it.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
