import type { AddressInfo } from "node:net";
import { MEMORY_DATA_DIR } from "@/server/db/client";
import { parseEnv } from "@/server/env";
import { createStrataServer, type StrataServer } from "@/server/http";
import { createLogger } from "@/server/ops/log";
import { createServices, type Services } from "@/server/services";
import { createScratchDatabase } from "./postgres";

export interface TestServer {
  url: string;
  services: Services;
  server: StrataServer;
  close(): Promise<void>;
}

/**
 * The real server (API, socket.io, operations endpoints; no Next.js pages) on a free port, over
 * a real database: in-memory PGlite, a directory of PGlite files, or a scratch PostgreSQL database.
 */
export async function startTestServer(
  options: {
    postgresUrl?: string;
    redisUrl?: string;
    dataDir?: string;
    sessionRunners?: "web" | "external";
  } = {},
): Promise<TestServer> {
  const scratch = options.postgresUrl ? await createScratchDatabase(options.postgresUrl) : null;
  const env = parseEnv({
    NODE_ENV: "test",
    DATABASE_URL: scratch?.url,
    REDIS_URL: options.redisUrl,
    STRATA_SESSION_RUNNERS: options.sessionRunners,
    STRATA_DATA_DIR: options.dataDir ?? MEMORY_DATA_DIR,
    LOG_LEVEL: "silent",
    // Test clients send X-Forwarded-For so each has its own address for rate limiting.
    TRUST_PROXY: "true",
  });
  const services = await createServices(env, createLogger("silent"));
  const server = createStrataServer(services);
  await new Promise<void>((resolve) => server.http.listen(0, "127.0.0.1", resolve));
  const { port } = server.http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    services,
    server,
    async close() {
      await server.close(1000);
      await services.close();
      await scratch?.drop();
    },
  };
}
