import { fileURLToPath } from "node:url";
import next from "next";
import { createStrataServer } from "@/server/http";
import { runProcess } from "@/server/ops/process";
import { createServices } from "@/server/services";

/**
 * Strata in one process: Next.js pages, the tRPC API and socket.io on one port.
 * `npm start` runs it in production mode after building (server/start.ts); `npm run dev` in
 * development mode with reload on change.
 */
const root = fileURLToPath(new URL("..", import.meta.url));

void runProcess(async (env, log) => {
  const services = await createServices(env, log);
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

  return {
    stopping: "Strata is shutting down: finishing in-flight requests.",
    stopped: "Strata stopped.",
    async close() {
      await server.close();
      await app.close?.();
      await services.close();
    },
  };
});
