// Consistent dates (issue 17 item 6, ADR 036): a person reads a date in one of three forms only — "2026년 12월 1일"
// in prose and pages (formatKoreanDate), "2026. 12. 1." in dense tables and badges (formatKoreanDateShort), and
// "2026년 12월 1일 14:05" for a moment (koreanDateTime) — never "2026-12-01", never "2026. 12. 1. 오후 2:05".
import fs from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { seoulTime } from "~/mail/mailbox.server";
import { DueBadge } from "~/components/badges";
import { TargetBadge } from "~/components/monitor/queue";

const APP = path.resolve(__dirname, "../../app");

describe("dates as people read them", () => {
  it("a moment (mail links' expiry, invitations, sign-ups, the mail queue) reads 2026년 12월 1일 14:05, Seoul time", () => {
    expect(seoulTime(new Date("2026-12-01T05:05:00Z"))).toBe("2026년 12월 1일 14:05");
    expect(seoulTime(new Date("2026-12-31T15:30:00Z"))).toBe("2027년 1월 1일 00:30");
  });

  it("a deadline badge's and a TP target's tooltip give the day in the short Korean form", () => {
    const due = renderToStaticMarkup(
      createElement(DueBadge, { state: "selected", planDueOn: "2026-12-01", revisionDueOn: null, windowEndOn: null, today: "2026-11-27" }),
    );
    expect(due).toContain("2026. 12. 1.");
    expect(due).not.toContain("2026-12-01");
    const target = renderToStaticMarkup(createElement(TargetBadge, { wait: { due: "2026-12-03", dueLabel: "목표 D-3", overdue: false } }));
    expect(target).toContain("운영기관 서비스 목표일 2026. 12. 3.");
  });

  it("no page or component prints an instant's ISO day or the browser's locale date (the class guard)", () => {
    const raw = /toISOString\(\)\.slice\(0, 10\)|toLocaleDateString|toLocaleTimeString/;
    const files = ["routes", "components"].flatMap((dir) =>
      (fs.readdirSync(path.join(APP, dir), { recursive: true }) as string[])
        .filter((f) => /\.tsx?$/.test(f) && !/\.test\./.test(f))
        .map((f) => path.join(APP, dir, f)),
    );
    const offenders = files.filter((file) => raw.test(fs.readFileSync(file, "utf8"))).map((file) => path.relative(APP, file));
    expect(offenders).toEqual([]);
  });
});
