import { describe, expect, it } from "vitest";
import { z } from "zod";
import { FORM_FIELD_LIMIT, ROW_LIMITS } from "~/domain";
import { DraftSchema } from "./draft-schema";
import { checkFormBounds, listIndexesOf, listLimitsOf } from "./form-bounds.server";

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};
const intent = (value: unknown) => form([["__intent__", JSON.stringify(value)]]);

const Nested = z.object({
  title: z.string(),
  groups: z
    .array(z.object({ name: z.string(), tags: z.array(z.string()).max(3) }))
    .max(4)
    .optional()
    .transform((v) => v ?? []),
  free: z.array(z.string()),
});

describe("listLimitsOf", () => {
  it("reads every list's .max() from the schema, nested ones too, through transforms", () => {
    expect(listLimitsOf(DraftSchema).get("items")).toBe(ROW_LIMITS.draftItems);
    const limits = listLimitsOf(Nested);
    expect(limits.get("groups")).toBe(4);
    expect(limits.get("groups[].tags")).toBe(3);
    expect(limits.has("title")).toBe(false);
  });

  it("gives a list without .max() the form-wide index bound, and caches per schema", () => {
    expect(listLimitsOf(Nested).get("free")).toBe(200);
    expect(listLimitsOf(Nested)).toBe(listLimitsOf(Nested));
  });
});

describe("listIndexesOf", () => {
  it.each([
    ["title", []],
    ["items[3].description", [["items", 3]]],
    [
      "groups[1].tags[2]",
      [
        ["groups", 1],
        ["groups[].tags", 2],
      ],
    ],
  ] as const)("%s", (name, expected) => {
    expect(listIndexesOf(name)).toEqual(expected);
  });

  it.each(["items[1e309].x", "items[-1].x", "items[].x", "items[0x10].x", "items[Infinity].x", "[0].x", "items[0]x", "items[1234567].x"])(
    "refuses the name %s, which is not Conform's syntax",
    (name) => {
      expect(listIndexesOf(name)).toBeNull();
    },
  );
});

describe("checkFormBounds", () => {
  it("passes a form within its bounds, the last allowed row included", () => {
    const last = ROW_LIMITS.draftItems - 1;
    expect(
      checkFormBounds(
        form([
          ["title", "a"],
          [`items[${last}].description`, "x"],
        ]),
        DraftSchema,
      ),
    ).toBeNull();
    expect(checkFormBounds(form([["groups[3].tags[2]", "x"]]), Nested)).toBeNull();
  });

  it("refuses one row past an editor's limit with its number, in Korean", () => {
    const refused = checkFormBounds(form([[`items[${ROW_LIMITS.draftItems}].description`, "x"]]), DraftSchema);
    expect(refused?.message).toContain(`${ROW_LIMITS.draftItems}개까지`);
    expect(checkFormBounds(form([["groups[0].tags[3]", "x"]]), Nested)?.message).toContain("3개까지");
  });

  it("refuses rows of a field that is no list, and names that are not Conform's syntax", () => {
    expect(checkFormBounds(form([["title[0]", "x"]]), Nested)?.message).toMatch(/형식이 올바르지/);
    expect(checkFormBounds(form([["nothing[0].x", "x"]]), Nested)?.message).toMatch(/형식이 올바르지/);
    expect(checkFormBounds(form([["items[1e309].description", "x"]]), DraftSchema)?.message).toMatch(/형식이 올바르지/);
  });

  it("refuses more fields than FORM_FIELD_LIMIT", () => {
    const many = form(Array.from({ length: FORM_FIELD_LIMIT + 1 }, () => ["title", "x"] as [string, string]));
    expect(checkFormBounds(many, DraftSchema)?.message).toContain("너무 많습니다");
    const enough = form(Array.from({ length: FORM_FIELD_LIMIT }, () => ["title", "x"] as [string, string]));
    expect(checkFormBounds(enough, DraftSchema)).toBeNull();
  });

  it("lets the list intents our pages send through", () => {
    expect(checkFormBounds(intent({ type: "insert", payload: { name: "items" } }), DraftSchema)).toBeNull();
    expect(
      checkFormBounds(intent({ type: "insert", payload: { name: "items", index: 2, defaultValue: { description: "" } } }), DraftSchema),
    ).toBeNull();
    expect(checkFormBounds(intent({ type: "remove", payload: { name: "items", index: 0 } }), DraftSchema)).toBeNull();
    expect(checkFormBounds(intent({ type: "insert", payload: { name: "groups[1].tags" } }), Nested)).toBeNull();
  });

  it.each([
    ["an update intent that would write any list", { type: "update", payload: { name: "items", value: Array(30000).fill({}) } }],
    ["a reorder intent", { type: "reorder", payload: { name: "items", from: 0, to: 1 } }],
    ["a reset intent", { type: "reset", payload: {} }],
    ["an insert into a field that is no list", { type: "insert", payload: { name: "title" } }],
    ["an insert past the list's bound", { type: "insert", payload: { name: "items", index: ROW_LIMITS.draftItems } }],
    ["an insert into a row past the bound", { type: "insert", payload: { name: "groups[4].tags" } }],
    ["a remove without an index", { type: "remove", payload: { name: "items" } }],
    ["a non-integer index", { type: "remove", payload: { name: "items", index: 1.5 } }],
    ["an infinite index", { type: "remove", payload: { name: "items", index: Number.POSITIVE_INFINITY } }],
  ])("refuses %s", (_what, value) => {
    expect(
      checkFormBounds(intent(value), value.payload && "name" in value.payload && value.payload.name.startsWith("groups") ? Nested : DraftSchema),
    ).not.toBeNull();
  });

  it.each([
    ["JSON that does not parse", "{bad"],
    ["JSON that is not an intent", "42"],
    ["a very long intent", JSON.stringify({ type: "insert", payload: { name: "items", defaultValue: "x".repeat(3000) } })],
  ])("refuses %s", (_what, text) => {
    expect(checkFormBounds(form([["__intent__", text]]), DraftSchema)?.message).toMatch(/형식이 올바르지/);
  });

  it("refuses two intents at once and Conform's state field, which our pages never send", () => {
    const two = form([
      ["__intent__", JSON.stringify({ type: "remove", payload: { name: "items", index: 0 } })],
      ["__intent__", JSON.stringify({ type: "remove", payload: { name: "items", index: 1 } })],
    ]);
    expect(checkFormBounds(two, DraftSchema)).not.toBeNull();
    expect(checkFormBounds(form([["__state__", "{"]]), DraftSchema)).not.toBeNull();
  });
});
