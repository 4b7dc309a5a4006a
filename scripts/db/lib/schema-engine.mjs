// Loads Prisma's schema engine as WebAssembly (no downloaded native binary) and
// connects it to SQLite through the better-sqlite3 driver adapter, or to a private
// PostgreSQL through Prisma's PostgreSQL adapter.
//
// Used only by create-migration (a development tool): it needs the dev
// dependencies `prisma`, `@prisma/adapter-better-sqlite3` and
// `@prisma/driver-adapter-utils`. The production path (apply.mjs) never loads it.
//
// How: node_modules/prisma/build/schema_engine_bg.wasm is the engine build that
// matches the installed Prisma CLI; ./schema-engine-wasm-glue.mjs is the
// wasm-bindgen glue for it (vendored from @prisma/schema-engine-wasm, see its
// header). Every import the .wasm declares must be provided by the glue under
// its exact (hashed) name, and every export the glue calls must exist, or we
// stop with a message saying what to refresh.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as glue from "./schema-engine-wasm-glue.mjs";
import { projectRoot } from "./paths.mjs";

const GLUE_FILE = fileURLToPath(new URL("./schema-engine-wasm-glue.mjs", import.meta.url));
const WASM_IMPORT_MODULE = "./schema_engine_bg.js";
// Exports of the .wasm that the glue references (wasm.<name>).
const REQUIRED_EXPORTS = [
  "memory",
  "__wbindgen_start",
  "__wbindgen_malloc",
  "__wbindgen_realloc",
  "__wbindgen_free",
  "__wbindgen_exn_store",
  "__externref_table_alloc",
  "__wbindgen_externrefs",
  "schemaengine_new",
  "schemaengine_createMigration",
  "schemaengine_applyMigrations",
  "schemaengine_diff",
];

let loaded = null;

/** Absolute path of the schema engine .wasm shipped with the installed `prisma` CLI. */
export function schemaEngineWasmPath(root = projectRoot) {
  const require = createRequire(path.join(root, "package.json"));
  let prismaDir;
  try {
    prismaDir = path.dirname(require.resolve("prisma/package.json"));
  } catch {
    prismaDir = path.join(root, "node_modules", "prisma");
  }
  return path.join(prismaDir, "build", "schema_engine_bg.wasm");
}

function installedPrismaVersion(root) {
  try {
    const require = createRequire(path.join(root, "package.json"));
    return require("prisma/package.json").version;
  } catch {
    return "unknown";
  }
}

/**
 * Instantiates the engine once per process and returns the glue module
 * (`SchemaEngine`, `version`).
 */
export function loadSchemaEngine({ root = projectRoot } = {}) {
  if (loaded) return loaded;
  const wasmPath = schemaEngineWasmPath(root);
  let bytes;
  try {
    bytes = readFileSync(wasmPath);
  } catch (error) {
    throw new Error(
      `Cannot read Prisma's WebAssembly schema engine at ${wasmPath} (${error.code ?? error.message}). ` +
        "Is the `prisma` dev dependency installed?",
    );
  }
  const module = new WebAssembly.Module(bytes);

  const imports = { ...glue };
  // The glue reads `module.require` to reach Node's crypto; that name does not
  // exist in an ES module, so hand it a real require instead.
  for (const name of Object.keys(glue)) {
    if (name.startsWith("__wbg_require_")) {
      imports[name] = () => createRequire(import.meta.url);
    }
  }

  const wanted = WebAssembly.Module.imports(module);
  const missingImports = wanted
    .filter((i) => i.module !== WASM_IMPORT_MODULE || typeof imports[i.name] !== "function")
    .map((i) => `${i.module}:${i.name}`);
  const exported = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  const missingExports = REQUIRED_EXPORTS.filter((name) => !exported.has(name));
  for (const match of readFileSync(GLUE_FILE, "utf8").matchAll(/\bwasm\.([A-Za-z0-9_]+)/g)) {
    if (!exported.has(match[1]) && !missingExports.includes(match[1])) missingExports.push(match[1]);
  }
  if (missingImports.length > 0 || missingExports.length > 0) {
    throw new Error(
      `The vendored schema engine glue (${path.relative(root, GLUE_FILE)}) does not match ${wasmPath} ` +
        `(prisma ${installedPrismaVersion(root)}). ` +
        (missingImports.length
          ? `Imports the glue lacks: ${missingImports.slice(0, 8).join(", ")}${missingImports.length > 8 ? ", …" : ""}. `
          : "") +
        (missingExports.length ? `Exports the .wasm lacks: ${missingExports.slice(0, 8).join(", ")}. ` : "") +
        "Refresh the glue from the @prisma/schema-engine-wasm version matching the installed Prisma " +
        "(see the header of the glue file).",
    );
  }

  // On a Rust panic the engine reports the reason here before trapping with
  // "RuntimeError: unreachable"; keep it so the error we print says why.
  if (!globalThis.PRISMA_WASM_PANIC_REGISTRY) {
    globalThis.PRISMA_WASM_PANIC_REGISTRY = {
      message: "",
      set_message(message) {
        this.message = message;
      },
    };
  }

  const instance = new WebAssembly.Instance(module, { [WASM_IMPORT_MODULE]: imports });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  loaded = glue;
  return loaded;
}

/** The reason of the last Rust panic inside the engine, if any. */
export function lastEnginePanic() {
  return globalThis.PRISMA_WASM_PANIC_REGISTRY?.message || null;
}

/**
 * better-sqlite3's `prepare` accepts one statement; the engine replays each
 * whole migration.sql on the shadow database through `executeRaw`. Fall back to
 * `exec` (multi-statement) for parameterless SQL that holds several statements.
 */
function withScriptFallback(queryable) {
  for (const method of ["executeRaw", "queryRaw"]) {
    const original = queryable[method].bind(queryable);
    queryable[method] = async (query) => {
      try {
        return await original(query);
      } catch (error) {
        if ((query.args?.length ?? 0) === 0 && error instanceof RangeError && /more than one statement/i.test(error.message)) {
          queryable.client.exec(query.sql);
          return method === "executeRaw" ? 0 : { columnNames: [], columnTypes: [], rows: [] };
        }
        throw error;
      }
    };
  }
  if (typeof queryable.startTransaction === "function") {
    const start = queryable.startTransaction.bind(queryable);
    queryable.startTransaction = async (...args) => withScriptFallback(await start(...args));
  }
  return queryable;
}

/**
 * The engine's connections for SQLite: "main" and shadow databases are private in-memory SQLite
 * databases (tests may pass `databaseFile` to point the main connection at a file).
 */
async function sqliteFactory(require, databaseFile) {
  const { PrismaBetterSqlite3 } = await import(require.resolve("@prisma/adapter-better-sqlite3"));
  const base = new PrismaBetterSqlite3(
    { url: databaseFile ? `file:${databaseFile}` : ":memory:" },
    { shadowDatabaseUrl: ":memory:", timestampFormat: "unixepoch-ms" },
  );
  return { base, connect: () => base.connect(), connectToShadowDb: () => base.connectToShadowDb(), stop: async () => {} };
}

/**
 * The engine reads PostgreSQL's catalog, whose `"char"` columns (pg_class.relkind, …) Prisma's adapter
 * cannot describe ("Column type 'char' could not be deserialized"); pg returns their values as strings,
 * so describing them as text is exact. This tool's process only: the app never reads the catalog.
 */
function readCatalogCharAsText(pg) {
  const CHAR = 18;
  const TEXT = 25;
  for (const proto of [pg.Client.prototype, pg.Pool.prototype]) {
    if (proto.__charAsText) continue;
    const query = proto.query;
    proto.query = function (...args) {
      const result = query.apply(this, args);
      if (!result || typeof result.then !== "function") return result;
      return result.then((value) => {
        for (const field of value?.fields ?? []) if (field.dataTypeID === CHAR) field.dataTypeID = TEXT;
        return value;
      });
    };
    proto.__charAsText = true;
  }
}

/**
 * The engine's connections for PostgreSQL: a private, throwaway server (scripts/services) with a "main"
 * and a shadow database, so creating a migration never touches a real database and needs no setup.
 */
async function postgresFactory(require) {
  const { PrismaPg } = await import(require.resolve("@prisma/adapter-pg"));
  const { default: pg } = await import(require.resolve("pg"));
  readCatalogCharAsText(pg);
  const { startPostgres } = await import("../../services/private-services.mjs");
  const server = await startPostgres();
  const main = new PrismaPg({ connectionString: await server.createDatabase("main") });
  // every shadow connection gets a new, empty database, as SQLite's in-memory shadow is
  let shadows = 0;
  const connectToShadowDb = async () => new PrismaPg({ connectionString: await server.createDatabase(`shadow_${++shadows}`) }).connect();
  return { base: main, connect: () => main.connect(), connectToShadowDb, stop: () => server.stop() };
}

/**
 * Starts an engine for `provider` ("sqlite" or "postgresql") on throwaway databases: nothing real is
 * ever opened. Returns `{ engine, close }`; always call `close()` (it disposes every connection the
 * engine opened, and stops the private PostgreSQL) and then exit the process explicitly: the engine
 * leaves a 60-second timer pending after createMigration.
 */
export async function startSchemaEngine({ schemaPath, schemaContent, databaseFile, provider = "sqlite", root = projectRoot, log = () => {} }) {
  const { SchemaEngine } = loadSchemaEngine({ root });
  const require = createRequire(path.join(root, "package.json"));
  const { bindMigrationAwareSqlAdapterFactory } = await import(require.resolve("@prisma/driver-adapter-utils"));

  const connections = provider === "postgresql" ? await postgresFactory(require) : await sqliteFactory(require, databaseFile);
  const { base } = connections;
  const opened = [];
  const track = (adapter) => {
    opened.push(adapter);
    return provider === "sqlite" ? withScriptFallback(adapter) : adapter;
  };
  const factory = {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => track(await connections.connect()),
    connectToShadowDb: async () => track(await connections.connectToShadowDb()),
  };

  const engine = await SchemaEngine.new(
    { datamodels: [[schemaPath, schemaContent]] },
    (message) => log(message),
    bindMigrationAwareSqlAdapterFactory(factory),
  );

  const close = async () => {
    try {
      engine.free();
    } catch {
      // already freed
    }
    for (const adapter of opened) {
      try {
        if (provider !== "sqlite" || adapter.client?.open) await adapter.dispose();
      } catch {
        // closing is best effort
      }
    }
    await connections.stop();
  };
  return { engine, close };
}
