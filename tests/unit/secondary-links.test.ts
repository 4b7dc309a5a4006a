// One "화면 열기" per step page on the ticket page (issue 17 item 6): which controls get the secondary link.
import { describe, expect, it } from "vitest";
import { secondaryLinks } from "~/components/ticket-actions";

describe("secondaryLinks", () => {
  it("links a page once when two refused steps open it (연장 승인 and 연장 거절)", () => {
    const entries = [
      { page: "extension-decision", primary: false },
      { page: "extension-decision", primary: false },
      { page: "changes", primary: false },
    ];
    expect(secondaryLinks(entries)).toEqual([true, false, true]);
  });

  it("never links a page an allowed step's own button opens, wherever it stands in the list", () => {
    expect(
      secondaryLinks([
        { page: "payment", primary: false },
        { page: "payment", primary: true },
      ]),
    ).toEqual([false, false]);
  });

  it("never links a page the 할 일 box links already, nor a step without a page", () => {
    expect(
      secondaryLinks(
        [
          { page: "plan", primary: false },
          { page: null, primary: false },
          { page: undefined, primary: false },
        ],
        ["plan"],
      ),
    ).toEqual([false, false, false]);
  });
});
