// What a submitted form may say about its own size, checked before Conform builds anything from it.
//
// Conform turns `lines[3].amount` into an array of four rows, and its list intents (`__intent__`:
// add a row, remove a row) edit that array on the server too, so a hand-made form could name row
// 30,000 — or ask Conform to write a list of 30,000 rows through an `update` intent — and the
// refusal would echo every row back into the page. Here each repeating field may name only as many
// rows as its schema's `.max()` allows (ROW_LIMITS in app/domain, read from the schema itself so
// the two cannot drift), a field the schema does not declare as a list may name none, and only the
// intents our pages send (insert, remove) pass, on a declared list and within its bounds. Anything
// else is one Korean 400, before any row is built.
import { z } from "zod";
import { FORM_FIELD_LIMIT, FORM_INDEX_LIMIT } from "~/domain";

/** Conform's reserved field names (see @conform-to/dom). */
const INTENT_FIELD = "__intent__";
const STATE_FIELD = "__state__";
/** Our own buttons' intents are under 200 characters. */
const MAX_INTENT_LENGTH = 2000;

export type FormBoundsRefusal = { message: string };

/** Row limits of a schema's lists by path (`items`, `lines`, nested ones as `a[].b`); 0 = unbounded in the schema. */
export type ListLimits = ReadonlyMap<string, number>;

type JsonSchemaNode = {
  type?: string | string[];
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  maxItems?: number;
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  allOf?: JsonSchemaNode[];
};

function collectLists(node: JsonSchemaNode | undefined, path: string, into: Map<string, number>) {
  if (!node || typeof node !== "object") return;
  for (const alternative of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) collectLists(alternative, path, into);
  if (node.type === "array" || node.items) {
    // the tightest bound when alternatives disagree; a list without a bound keeps the form-wide one
    const max = Math.min(node.maxItems ?? FORM_INDEX_LIMIT, into.get(path) ?? FORM_INDEX_LIMIT);
    into.set(path, max);
    collectLists(node.items, `${path}[]`, into);
  }
  for (const [key, child] of Object.entries(node.properties ?? {})) collectLists(child, path ? `${path}.${key}` : key, into);
}

const limitsBySchema = new WeakMap<z.ZodType, ListLimits>();

/**
 * Every list the schema accepts, with its `.max()`, read from the schema's input side as JSON Schema
 * (transforms and preprocessing are opaque there, the array bounds are not). Computed once per schema.
 */
export function listLimitsOf(schema: z.ZodType): ListLimits {
  let limits = limitsBySchema.get(schema);
  if (!limits) {
    const lists = new Map<string, number>();
    collectLists(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchemaNode, "", lists);
    limits = lists;
    limitsBySchema.set(schema, limits);
  }
  return limits;
}

/** `items[3].flags[0]` → [["items", 3], ["items[].flags", 0]]; null when the name is not Conform's syntax. */
const NAME_SEGMENT = /^(?:\.?([A-Za-z_$][\w$]*)|\[(\d{1,6})\])/;
export function listIndexesOf(name: string): [string, number][] | null {
  if (!name.includes("[")) return [];
  const found: [string, number][] = [];
  let path = "";
  let rest = name;
  while (rest) {
    const match = NAME_SEGMENT.exec(rest);
    // a row index needs a name before it, a name after a row needs its dot
    if (!match || (match[1] === undefined ? !path : Boolean(path) && !match[0].startsWith("."))) return null;
    if (match[1] !== undefined) path = path ? `${path}.${match[1]}` : match[1];
    else {
      found.push([path, Number(match[2])]);
      path += "[]";
    }
    rest = rest.slice(match[0].length);
  }
  return found;
}

const Index = z.number().int().min(0).max(FORM_INDEX_LIMIT);
const ListIntent = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("insert"),
    payload: z.object({ name: z.string().max(200), index: Index.optional(), defaultValue: z.unknown().optional() }),
  }),
  z.object({ type: z.literal("remove"), payload: z.object({ name: z.string().max(200), index: Index }) }),
]);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const TOO_MANY_ROWS = (max: number) => `입력 행이 너무 많습니다. 한 번에 ${max.toLocaleString("ko-KR")}개까지 입력할 수 있습니다.`;
const MALFORMED = "보낸 양식의 형식이 올바르지 않습니다. 페이지를 새로 고친 뒤 다시 입력해 주세요.";

/** A field or list name within the declared lists and their bounds, else the refusal. */
function checkName(name: string, limits: ListLimits): FormBoundsRefusal | null {
  const indexes = listIndexesOf(name);
  if (indexes === null) return { message: MALFORMED };
  for (const [path, index] of indexes) {
    const max = limits.get(path);
    if (max === undefined) return { message: MALFORMED };
    if (index >= max) return { message: TOO_MANY_ROWS(max) };
  }
  return null;
}

/** Conform's list intent, if any: only one our pages send, on a list this form declares, within its bound. */
function checkIntent(form: FormData, limits: ListLimits): FormBoundsRefusal | null {
  const intent = form.getAll(INTENT_FIELD);
  if (intent.length === 0) return null;
  const text = intent[0];
  if (intent.length > 1 || typeof text !== "string" || text.length > MAX_INTENT_LENGTH) return { message: MALFORMED };
  const parsed = ListIntent.safeParse(parseJson(text));
  if (!parsed.success) return { message: MALFORMED };
  const { name, index } = parsed.data.payload;
  const refused = checkName(name, limits);
  if (refused) return refused;
  const max = limits.get(name.replace(/\[\d+\]/g, "[]"));
  if (max === undefined) return { message: MALFORMED };
  // inserting at `max` would make a row past the bound (an insert without index appends: the
  // schema's own .max() then answers, with the rows the form already had)
  if (index !== undefined && index >= max) return { message: TOO_MANY_ROWS(max) };
  return null;
}

/**
 * Null when the form's rows and intents stay within the schema's bounds, else the Korean refusal.
 * Also refuses a form with more than FORM_FIELD_LIMIT fields and Conform's internal state field,
 * which our pages never send (its JSON would otherwise be parsed unchecked).
 */
export function checkFormBounds(form: FormData, schema: z.ZodType): FormBoundsRefusal | null {
  const limits = listLimitsOf(schema);
  let count = 0;
  for (const name of form.keys()) {
    if (++count > FORM_FIELD_LIMIT)
      return { message: `입력 항목이 너무 많습니다. 한 번에 ${FORM_FIELD_LIMIT.toLocaleString("ko-KR")}개까지 보낼 수 있습니다.` };
    if (name === STATE_FIELD) return { message: MALFORMED };
    const refused = checkName(name, limits);
    if (refused) return refused;
  }
  return checkIntent(form, limits);
}
