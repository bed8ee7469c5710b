/** The slice of a logger connectors need; pino's logger fits it (`logger.warn(fields, message)`). */
export interface ConnectorLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

/** One JSON line per entry on stderr: the default when no application logger is passed in. */
export const stderrLogger: ConnectorLogger = {
  info: (fields, message) =>
    process.stderr.write(`${JSON.stringify({ level: "info", message, ...fields })}\n`),
  warn: (fields, message) =>
    process.stderr.write(`${JSON.stringify({ level: "warn", message, ...fields })}\n`),
};

/** A logger that remembers what it was told, for tests and for the Data page's recent problems. */
export class MemoryLogger implements ConnectorLogger {
  readonly entries: { level: "info" | "warn"; message: string; fields: Record<string, unknown> }[] = [];
  info(fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level: "info", message, fields });
  }
  warn(fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level: "warn", message, fields });
  }
  warnings(): string[] {
    return this.entries.filter((entry) => entry.level === "warn").map((entry) => entry.message);
  }
}

/** Keeps the first and last two characters of a secret so logs can tell keys apart without leaking them. */
export function maskSecret(secret: string): string {
  return secret.length <= 8 ? "****" : `${secret.slice(0, 2)}****${secret.slice(-2)}`;
}

/** Payload text cut short for a log line: enough to recognise it, never a megabyte. */
export function excerpt(text: string, length = 200): string {
  return text.length <= length ? text : `${text.slice(0, length)}…`;
}
