// What a database migrated to prisma/schema.prisma must contain, derived from the schema file
// itself (a small parser of the subset Strata uses), so the drift test in db.test.ts compares
// the database against schema.prisma and not against a second hand-kept list.
// Unsupported schema features throw, so the test cannot silently check less than it claims.

export interface ExpectedColumn {
  /** e.g. "numeric(20,8) NOT NULL", "timestamp with time zone(3) NULL", "enum backtest_status NOT NULL" */
  type: string;
}

export interface ExpectedSchema {
  /** table → column → description */
  tables: Map<string, Map<string, string>>;
  /** Descriptions like `UNIQUE users_email_key ON users (email)`. */
  indexes: Set<string>;
  /** Descriptions like `strategies_owner_id_fkey ON strategies (owner_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE CASCADE`. */
  foreignKeys: Set<string>;
  /** enum type → values in order */
  enums: Map<string, string[]>;
  /** model name → { table, fields: field name → column } (to cross-check against Prisma's own model) */
  names: Map<string, { table: string; columns: Map<string, string> }>;
}

interface Attribute {
  name: string;
  args: string;
}

interface Field {
  name: string;
  type: string;
  optional: boolean;
  list: boolean;
  attrs: Attribute[];
}

interface Block {
  kind: "model" | "enum";
  name: string;
  lines: string[];
}

const SCALARS: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Boolean: "boolean",
  DateTime: "timestamp without time zone(3)",
  Json: "jsonb",
  Bytes: "bytea",
  Decimal: "numeric(65,30)",
};

const NATIVE: Record<string, (args: string[]) => string> = {
  Text: () => "text",
  Uuid: () => "uuid",
  VarChar: (a) => `character varying(${a[0]})`,
  Integer: () => "integer",
  SmallInt: () => "smallint",
  BigInt: () => "bigint",
  DoublePrecision: () => "double precision",
  Real: () => "real",
  Decimal: (a) => `numeric(${a[0]},${a[1]})`,
  Timestamp: (a) => `timestamp without time zone(${a[0] ?? 6})`,
  Timestamptz: (a) => `timestamp with time zone(${a[0] ?? 6})`,
  Date: () => "date",
  Json: () => "json",
  JsonB: () => "jsonb",
};

const ACTIONS: Record<string, string> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

export function expectedSchema(source: string): ExpectedSchema {
  const blocks = parseBlocks(stripComments(source));
  const enums = new Map<string, { db: string; values: string[] }>();
  for (const b of blocks.filter((x) => x.kind === "enum")) {
    const map = b.lines.map(parseAttributes).find((a) => a[0]?.name === "@@map");
    const values = b.lines.filter((l) => !l.startsWith("@@")).map((l) => l.split(/\s+/)[0]);
    enums.set(b.name, { db: map ? unquote(map[0].args) : b.name, values });
  }
  const models = blocks.filter((x) => x.kind === "model");
  const modelNames = new Set(models.map((m) => m.name));
  const names: ExpectedSchema["names"] = new Map();
  for (const m of models) {
    const table = blockMap(m) ?? m.name;
    const columns = new Map<string, string>();
    for (const f of fields(m)) if (!modelNames.has(f.type)) columns.set(f.name, attr(f, "@map") ?? f.name);
    names.set(m.name, { table, columns });
  }
  const out: ExpectedSchema = {
    tables: new Map(),
    indexes: new Set(),
    foreignKeys: new Set(),
    enums: new Map([...enums.values()].map((e) => [e.db, e.values])),
    names,
  };
  for (const m of models) {
    const { table, columns } = names.get(m.name)!;
    const cols = new Map<string, string>();
    const col = (field: string) => {
      const c = columns.get(field);
      if (!c) throw new Error(`schema.prisma: ${m.name} has no scalar field ${field}`);
      return c;
    };
    for (const f of fields(m)) {
      if (modelNames.has(f.type)) {
        const rel = f.attrs.find((a) => a.name === "@relation");
        const fk = rel && namedArg(rel.args, "fields");
        if (!rel || !fk) continue; // the back-relation side has no column
        const from = listArg(fk).map(col);
        const to = listArg(namedArg(rel.args, "references")!).map((x) => names.get(f.type)!.columns.get(x)!);
        const onDelete = namedArg(rel.args, "onDelete") ?? (f.optional ? "SetNull" : "Restrict");
        const onUpdate = namedArg(rel.args, "onUpdate") ?? "Cascade";
        const name = unquoteOr(namedArg(rel.args, "map"), `${table}_${from.join("_")}_fkey`);
        out.foreignKeys.add(
          `${name} ON ${table} (${from.join(", ")}) REFERENCES ${names.get(f.type)!.table} (${to.join(", ")}) ON DELETE ${ACTIONS[onDelete]} ON UPDATE ${ACTIONS[onUpdate]}`,
        );
        continue;
      }
      // Prisma makes scalar lists nullable array columns (TEXT[], DOUBLE PRECISION[]).
      if (f.list) cols.set(col(f.name), `${columnType(f, enums)}[] NULL`);
      else cols.set(col(f.name), `${columnType(f, enums)} ${f.optional ? "NULL" : "NOT NULL"}`);
      if (f.attrs.some((a) => a.name === "@id"))
        out.indexes.add(`PRIMARY ${table}_pkey ON ${table} (${col(f.name)})`);
      const unique = f.attrs.find((a) => a.name === "@unique");
      if (unique) {
        const name = unquoteOr(namedArg(unique.args, "map"), `${table}_${col(f.name)}_key`);
        out.indexes.add(`UNIQUE ${name} ON ${table} (${col(f.name)})`);
      }
    }
    for (const a of m.lines.filter((l) => l.startsWith("@@")).map((l) => parseAttributes(l)[0])) {
      if (a.name === "@@map") continue;
      const kind = { "@@id": "PRIMARY", "@@unique": "UNIQUE", "@@index": "INDEX" }[a.name];
      if (!kind) throw new Error(`schema.prisma: ${a.name} on ${m.name} is not supported by this check`);
      const list = listArg(namedArg(a.args, "fields") ?? a.args.slice(0, a.args.indexOf("]") + 1));
      const dbCols = list.map((x) => col(x.replace(/\(.*\)$/, "")));
      const suffix = { PRIMARY: "pkey", UNIQUE: "key", INDEX: "idx" }[kind];
      const fallback = kind === "PRIMARY" ? `${table}_pkey` : `${table}_${dbCols.join("_")}_${suffix}`;
      const name = unquoteOr(namedArg(a.args, "map") ?? namedArg(a.args, "name"), fallback);
      out.indexes.add(`${kind} ${name} ON ${table} (${dbCols.join(", ")})`);
    }
    out.tables.set(table, cols);
  }
  for (const d of [...out.indexes, ...out.foreignKeys]) {
    const name =
      d.split(" ")[d.startsWith("PRIMARY") || d.startsWith("UNIQUE") || d.startsWith("INDEX") ? 1 : 0];
    if (name.length > 63) throw new Error(`schema.prisma: name ${name} is longer than PostgreSQL's 63 bytes`);
  }
  return out;
}

function columnType(f: Field, enums: Map<string, { db: string }>): string {
  const native = f.attrs.find((a) => a.name.startsWith("@db."));
  if (native) {
    const fn = NATIVE[native.name.slice(4)];
    if (!fn) throw new Error(`schema.prisma: native type ${native.name} is not supported by this check`);
    return fn(native.args ? native.args.split(",").map((s) => s.trim()) : []);
  }
  const e = enums.get(f.type);
  if (e) return `enum ${e.db}`;
  const t = SCALARS[f.type];
  if (!t) throw new Error(`schema.prisma: type ${f.type} of field ${f.name} is not supported by this check`);
  return t;
}

function stripComments(src: string): string {
  return src
    .split("\n")
    .map((line) => {
      let inString = false;
      for (let i = 0; i < line.length; i++) {
        if (line[i] === '"' && line[i - 1] !== "\\") inString = !inString;
        if (!inString && line[i] === "/" && line[i + 1] === "/") return line.slice(0, i);
      }
      return line;
    })
    .join("\n");
}

function parseBlocks(src: string): Block[] {
  const blocks: Block[] = [];
  const re = /^\s*(model|enum|view|type|generator|datasource)\s+(\w+)\s*\{([^}]*)\}/gm;
  for (const m of src.matchAll(re)) {
    if (m[1] === "view" || m[1] === "type")
      throw new Error(`schema.prisma: ${m[1]} blocks are not supported by this check`);
    if (m[1] !== "model" && m[1] !== "enum") continue;
    const lines = m[3]
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    blocks.push({ kind: m[1], name: m[2], lines });
  }
  return blocks;
}

function fields(b: Block): Field[] {
  return b.lines
    .filter((l) => !l.startsWith("@@"))
    .map((l) => {
      const m = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(l);
      if (!m) throw new Error(`schema.prisma: cannot read line "${l}" in ${b.name}`);
      return { name: m[1], type: m[2], list: !!m[3], optional: !!m[4], attrs: parseAttributes(m[5]) };
    });
}

/** `@a @b(x, y: [1, 2]) @db.Decimal(20, 8)` → [{name, args}], respecting nesting and strings. */
function parseAttributes(text: string): Attribute[] {
  const out: Attribute[] = [];
  let i = 0;
  while (i < text.length) {
    const m = /^@@?[\w.]+/.exec(text.slice(i));
    if (!m) {
      i++;
      continue;
    }
    i += m[0].length;
    let args = "";
    if (text[i] === "(") {
      let depth = 0;
      let inString = false;
      const start = i + 1;
      for (; i < text.length; i++) {
        const c = text[i];
        if (c === '"' && text[i - 1] !== "\\") inString = !inString;
        if (inString) continue;
        if (c === "(" || c === "[") depth++;
        if (c === ")" || c === "]") depth--;
        if (depth === 0) break;
      }
      args = text.slice(start, i).trim();
      i++;
    }
    out.push({ name: m[0], args });
  }
  return out;
}

function attr(f: Field, name: string): string | undefined {
  const a = f.attrs.find((x) => x.name === name);
  return a ? unquote(a.args) : undefined;
}

function blockMap(b: Block): string | undefined {
  const a = b.lines.map((l) => parseAttributes(l)[0]).find((x) => x?.name === "@@map");
  return a ? unquote(a.args) : undefined;
}

/** Value of `name: value` in an argument list (value may be a [list] or a "string"). */
function namedArg(args: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|[,\\s(])${name}\\s*:\\s*(\\[[^\\]]*\\]|"[^"]*"|\\w+)`).exec(args);
  return m?.[1];
}

function listArg(list: string): string[] {
  return list
    .replace(/^\[|\]$/g, "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function unquote(s: string): string {
  const m = /"([^"]*)"/.exec(s);
  return m ? m[1] : s;
}

function unquoteOr(s: string | undefined, fallback: string): string {
  return s === undefined ? fallback : unquote(s);
}
