import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  DEFAULT_MAIL_MODES,
  MAIL_MODES,
  NOTIFICATION_KINDS,
  digestDay,
  digestDedupeKey,
  isMailMode,
  isNotificationKind,
  latestDigestAt,
  mailModeOf,
  mailModesOf,
  nextDigestAt,
  nextStepOf,
  seoulMonthDayTime,
  notificationKindOf,
} from "./notifications";

describe("notificationKindOf", () => {
  it("is 내 차례 for the role that must act next, 상태 변경 for the others", () => {
    expect(notificationKindOf("ticket.submit", "monitor")).toBe("my_turn");
    expect(notificationKindOf("ticket.submit", "supplier")).toBe("status");
    expect(notificationKindOf("ticket.return_for_correction", "manufacturer")).toBe("my_turn");
    expect(notificationKindOf("ticket.select", "supplier")).toBe("my_turn");
    expect(notificationKindOf("ticket.select", "manufacturer")).toBe("status");
  });

  it("the money after selection: both companies consent, the TP confirms, the funding complete is the supplier's turn (issue 16)", () => {
    expect(notificationKindOf("ticket.prepare_agreement", "manufacturer")).toBe("my_turn");
    expect(notificationKindOf("ticket.prepare_agreement", "supplier")).toBe("my_turn");
    expect(notificationKindOf("ticket.prepare_agreement", "evaluator")).toBe("status");
    expect(notificationKindOf("ticket.record_share_deposit", "monitor")).toBe("my_turn");
    expect(notificationKindOf("ticket.record_payment", "supplier")).toBe("status");
    expect(notificationKindOf("ticket.complete_funding", "supplier")).toBe("my_turn");
    expect(notificationKindOf("ticket.pass_completion", "manufacturer")).toBe("my_turn");
    expect(nextStepOf("ticket.prepare_agreement", "supplier")).toBe("협약안을 읽고 동의해 주세요.");
    expect(nextStepOf("ticket.prepare_agreement", "monitor")).toBe("과제 페이지에서 내용을 확인해 주세요.");
  });

  it("a work log waits for the manufacturer; a dispute for the supplier", () => {
    expect(notificationKindOf("worklog.create", "manufacturer")).toBe("my_turn");
    expect(notificationKindOf("worklog.create", "monitor")).toBe("activity");
    expect(notificationKindOf("worklog.dispute", "supplier")).toBe("my_turn");
  });

  it("a step nobody waits on is 상태 변경; a record that is not a step is 자료·기록 변경", () => {
    expect(notificationKindOf("ticket.pass_completion", "supplier")).toBe("status");
    expect(notificationKindOf("ticket.create", "manufacturer")).toBe("activity");
    expect(notificationKindOf("ticket.edit", "manufacturer")).toBe("activity");
    expect(notificationKindOf("document.upload", "monitor")).toBe("activity");
    expect(notificationKindOf("quote.create", "manufacturer")).toBe("activity");
  });
});

describe("nextStepOf", () => {
  it("tells the one whose turn it is what to do, everyone else to look", () => {
    expect(nextStepOf("ticket.return_for_correction", "manufacturer")).toContain("다시 제출");
    expect(nextStepOf("ticket.return_for_correction", "supplier")).toBe("과제 페이지에서 내용을 확인해 주세요.");
    expect(nextStepOf("document.upload", "monitor")).toBe("과제 페이지에서 내용을 확인해 주세요.");
  });
});

describe("modes", () => {
  it("recognises kinds and modes", () => {
    expect(NOTIFICATION_KINDS.every(isNotificationKind)).toBe(true);
    expect(MAIL_MODES.every(isMailMode)).toBe(true);
    expect(isNotificationKind("ticket")).toBe(false);
    expect(isNotificationKind(1)).toBe(false);
    expect(isMailMode("weekly")).toBe(false);
    expect(isMailMode(null)).toBe(false);
  });

  it("a person's choice wins, the kind's default otherwise; an old kind is never mailed", () => {
    expect(mailModeOf("status", { status: "immediate" })).toBe("immediate");
    expect(mailModeOf("status", {})).toBe(DEFAULT_MAIL_MODES.status);
    expect(mailModeOf("status", { status: "weekly" })).toBe(DEFAULT_MAIL_MODES.status);
    expect(mailModeOf("ticket", { ticket: "immediate" })).toBe("app");
    expect(mailModesOf({ activity: "digest" })).toEqual({ my_turn: "immediate", status: "digest", activity: "digest", deadline: "immediate" });
    expect(mailModeOf("deadline", { deadline: "app" })).toBe("app");
  });
});

describe("digest time (09:00 Asia/Seoul = 00:00 UTC)", () => {
  it("just before 09:00 Seoul the due digest is yesterday's; at 09:00 it is today's", () => {
    const before = new Date("2026-11-30T23:59:59.999Z"); // 08:59:59.999 on 12-01 in Seoul
    expect(latestDigestAt(before).toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(digestDay(before)).toBe("2026-11-30");
    expect(nextDigestAt(before).toISOString()).toBe("2026-12-01T00:00:00.000Z");
    const at = new Date("2026-12-01T00:00:00.000Z");
    expect(latestDigestAt(at).toISOString()).toBe(at.toISOString());
    expect(digestDay(at)).toBe("2026-12-01");
    expect(nextDigestAt(at).toISOString()).toBe("2026-12-02T00:00:00.000Z");
  });

  it("across Seoul midnight (15:00 UTC) the digest day does not change: it changes at 09:00", () => {
    expect(digestDay(new Date("2026-12-01T14:59:59Z"))).toBe("2026-12-01"); // 23:59:59 in Seoul
    expect(digestDay(new Date("2026-12-01T15:00:00Z"))).toBe("2026-12-01"); // 00:00 on 12-02 in Seoul, before 09:00
    expect(nextDigestAt(new Date("2026-12-01T15:00:00Z")).toISOString()).toBe("2026-12-02T00:00:00.000Z");
  });

  it("the year's end and a leap day", () => {
    expect(nextDigestAt(new Date("2026-12-31T12:00:00Z")).toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(digestDay(new Date("2028-02-29T03:00:00Z"))).toBe("2028-02-29");
  });

  it("for any instant: latest ≤ instant < next, a day apart, at 09:00 in Seoul", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }), (instant) => {
        const latest = latestDigestAt(instant);
        const next = nextDigestAt(instant);
        expect(latest.getTime()).toBeLessThanOrEqual(instant.getTime());
        expect(next.getTime()).toBeGreaterThan(instant.getTime());
        expect(next.getTime() - latest.getTime()).toBe(86_400_000);
        expect(new Date(latest.getTime() + 9 * 3_600_000).getUTCHours()).toBe(9);
      }),
    );
  });

  it("a notification's time in a digest is Seoul's", () => {
    expect(seoulMonthDayTime(new Date("2026-12-31T15:05:00Z"))).toBe("01-01 00:05");
  });

  it("one dedupe key per person and day", () => {
    expect(digestDedupeKey("u1", "2026-12-01")).toBe("digest:u1:2026-12-01");
  });
});
