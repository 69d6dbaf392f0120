/**
 * Migrations between schema versions, one small step per version (tldraw style). A document is
 * walked up from its own version to `seams/1`; a newer version than we know is refused.
 *
 * `seams/0` is the prototype format: `nodes` and `edges` instead of `components` and `links`,
 * the link kind under `type`, and no common causes, chains or settings.
 */
import { DEFAULT_SETTINGS, type Issue, SCHEMA_VERSION } from "./schema.ts";

type Doc = Record<string, unknown>;
type Migration = (doc: Doc) => Doc;

const isObject = (v: unknown): v is Doc => typeof v === "object" && v !== null && !Array.isArray(v);

/** migrations[n] turns a `seams/n` document into a `seams/(n+1)` one. */
export const MIGRATIONS: Record<number, Migration> = {
  0: (doc) => {
    const { nodes, edges, ...rest } = doc;
    const links = Array.isArray(edges)
      ? edges.map((e) => {
          if (!isObject(e)) return e;
          const { type, ...link } = e;
          return { ...link, kind: type };
        })
      : edges;
    return {
      ...rest,
      schema: "seams/1",
      components: nodes,
      links,
      commonCauses: doc.commonCauses ?? [],
      chains: doc.chains ?? [],
      settings: doc.settings ?? { ...DEFAULT_SETTINGS },
    };
  },
};

const CURRENT = Number(SCHEMA_VERSION.split("/")[1]);

/** Bring a parsed document to the current schema version, or say why it cannot be. */
export function migrate(doc: unknown): { ok: true; doc: unknown } | { ok: false; issues: Issue[] } {
  if (!isObject(doc))
    return { ok: false, issues: [{ path: "(document)", message: "a Seams model is a JSON object" }] };
  const schema = doc.schema;
  if (typeof schema !== "string") {
    return {
      ok: false,
      issues: [{ path: "schema", message: `not a Seams model: "schema" should be "${SCHEMA_VERSION}"` }],
    };
  }
  const match = /^seams\/(\d+)$/.exec(schema);
  if (!match) {
    return {
      ok: false,
      issues: [{ path: "schema", message: `unknown schema "${schema}"; expected "${SCHEMA_VERSION}"` }],
    };
  }
  let version = Number(match[1]);
  if (version > CURRENT) {
    return {
      ok: false,
      issues: [
        {
          path: "schema",
          message: `this file is ${schema}, made by a newer Seams; this version reads up to ${SCHEMA_VERSION}`,
        },
      ],
    };
  }
  let current: Doc = doc;
  while (version < CURRENT) {
    const step = MIGRATIONS[version];
    if (!step) return { ok: false, issues: [{ path: "schema", message: `no migration from ${schema}` }] };
    current = step(current);
    version += 1;
  }
  return { ok: true, doc: current };
}
