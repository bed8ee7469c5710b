import { fileURLToPath } from "node:url";
import next from "next";
import { parseEnv } from "@/server/env";
import { createStrataServer } from "@/server/http";
import { createLogger } from "@/server/ops/log";
import { createServices } from "@/server/services";

/**
 * Strata in one process: Next.js pages, the tRPC API and socket.io on one port.
 * `npm start` runs it in production mode after building (server/start.ts); `npm run dev` in
 * development mode with reload on change.
 */
const root = fileURLToPath(new URL("..", import.meta.url));

async function main() {
  let env: ReturnType<typeof parseEnv>;
  try {
    env = parseEnv();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const log = createLogger(env.LOG_LEVEL);
  let services: Awaited<ReturnType<typeof createServices>>;
  try {
    services = await createServices(env, log);
  } catch (error) {
    log.fatal((error as Error).message);
    process.exit(1);
  }

  const dev = env.NODE_ENV !== "production";
  const app = next({ dev, dir: root, hostname: env.HOST, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createStrataServer(services, (req, res) => handle(req, res));
  const upgrade = app.getUpgradeHandler();
  server.http.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/socket.io")) void upgrade(req, socket, head);
  });

  server.http.listen(env.PORT, env.HOST, () => {
    const shown = env.HOST === "0.0.0.0" ? "localhost" : env.HOST;
    log.info(
      { port: env.PORT, mode: dev ? "development" : "production" },
      `Strata is ready at http://${shown}:${env.PORT}`,
    );
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "Strata is shutting down: finishing in-flight requests.");
    const force = setTimeout(() => {
      log.error("Shutdown took too long; exiting.");
      process.exit(1);
    }, 20_000);
    force.unref();
    await server.close();
    await app.close?.();
    await services.close();
    log.info("Strata stopped.");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

void main();
