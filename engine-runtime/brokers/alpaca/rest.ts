import { type ZodType, z } from "zod";
import type { AlpacaBrokerConfig } from "./config";
import {
  type AlpacaAccount,
  type AlpacaOrder,
  type AlpacaPosition,
  alpacaAccount,
  alpacaError,
  alpacaOrder,
  alpacaPosition,
  type OrderRequest,
} from "./schemas";

/** Alpaca answered with an error status; `status` says which (403 buying power, 422 invalid, 404 unknown). */
export class AlpacaRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** No answer came in time: the request may or may not have taken effect at Alpaca. */
export class AlpacaTimeoutError extends Error {}

/** The Trading API v2 calls the broker adapter needs, each answer checked against its schema. */
export class AlpacaTradingRest {
  constructor(readonly config: AlpacaBrokerConfig) {}

  submitOrder(order: OrderRequest): Promise<AlpacaOrder> {
    return this.#call("POST", "/v2/orders", alpacaOrder, order, this.config.submitTimeoutMs);
  }

  openOrders(): Promise<AlpacaOrder[]> {
    return this.#call("GET", "/v2/orders?status=open&limit=500", z.array(alpacaOrder));
  }

  /** The order with this client order id, or null when Alpaca never received it. */
  async orderByClientId(clientOrderId: string): Promise<AlpacaOrder | null> {
    const query = new URLSearchParams({ client_order_id: clientOrderId });
    try {
      return await this.#call("GET", `/v2/orders:by_client_order_id?${query}`, alpacaOrder);
    } catch (error) {
      if (error instanceof AlpacaRequestError && error.status === 404) return null;
      throw error;
    }
  }

  async cancelOrder(orderId: string): Promise<void> {
    await this.#call("DELETE", `/v2/orders/${encodeURIComponent(orderId)}`, z.unknown());
  }

  positions(): Promise<AlpacaPosition[]> {
    return this.#call("GET", "/v2/positions", z.array(alpacaPosition));
  }

  account(): Promise<AlpacaAccount> {
    return this.#call("GET", "/v2/account", alpacaAccount);
  }

  async #call<T>(
    method: string,
    path: string,
    schema: ZodType<T>,
    body?: unknown,
    timeoutMs = this.config.requestTimeoutMs,
  ): Promise<T> {
    const url = `${this.config.tradingUrl.replace(/\/$/, "")}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          "APCA-API-KEY-ID": this.config.keyId,
          "APCA-API-SECRET-KEY": this.config.secretKey,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
        throw new AlpacaTimeoutError(`Alpaca did not answer ${method} ${path} within ${timeoutMs} ms.`);
      }
      const cause =
        error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new Error(`Could not reach Alpaca at ${new URL(url).host} for ${method} ${path} (${cause}).`);
    }
    const text = await response.text();
    const json = text === "" ? null : safeJson(text);
    if (!response.ok) {
      const parsed = alpacaError.safeParse(json);
      const why = parsed.success ? parsed.data.message : text.slice(0, 200) || response.statusText;
      throw new AlpacaRequestError(
        `Alpaca refused ${method} ${path} (HTTP ${response.status}): ${why}`,
        response.status,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new Error(
        `Alpaca's answer to ${method} ${path} is not what we expect: ${z.prettifyError(parsed.error)}`,
      );
    }
    return parsed.data;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
