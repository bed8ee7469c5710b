import { io as connectSocket, type Socket } from "socket.io-client";

/** A minimal tRPC-over-HTTP client that keeps cookies, like a browser would. */
export class Client {
  cookie = "";
  /** Each client comes from its own address (the test server trusts X-Forwarded-For), so rate limits stay per client. */
  readonly ip = `10.${rand255()}.${rand255()}.${rand255()}`;
  constructor(
    readonly base: string,
    readonly origin: string | null = base,
  ) {}
  async call(path: string, input?: unknown, method: "query" | "mutation" = "mutation") {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-forwarded-for": this.ip,
    };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.origin) headers.origin = this.origin;
    const body = JSON.stringify({ json: input });
    const response =
      method === "query"
        ? await fetch(`${this.base}/api/trpc/${path}?input=${encodeURIComponent(body)}`, { headers })
        : await fetch(`${this.base}/api/trpc/${path}`, { method: "POST", headers, body });
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0]!.endsWith("=") ? "" : setCookie.split(";")[0]!;
    const json = (await response.json()) as {
      result?: { data: { json: unknown } };
      error?: { json?: { message: string }; message?: string };
    };
    const error = json.error?.json?.message ?? json.error?.message;
    return { status: response.status, setCookie, data: json.result?.data.json, error };
  }
}

const rand255 = () => Math.floor(Math.random() * 256);

export const uniqueEmail = () => `trader.${Math.random().toString(36).slice(2)}@example.com`;
export const PASSWORD = "correct horse battery";

/** Signs a new user up and returns the client holding their session. */
export async function signedUpClient(base: string): Promise<{ client: Client; userId: string }> {
  const client = new Client(base);
  const response = await client.call("auth.signUp", { email: uniqueEmail(), password: PASSWORD });
  if (response.status !== 200) throw new Error(`sign-up failed: ${response.error}`);
  return { client, userId: (response.data as { id: string }).id };
}

/** A socket.io connection carrying the client's session cookie. */
export function openSocket(base: string, client: Client): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectSocket(base, {
      transports: ["websocket"],
      reconnection: false,
      extraHeaders: { cookie: client.cookie },
    });
    socket.on("connect", () => resolve(socket));
    socket.on("connect_error", reject);
  });
}
