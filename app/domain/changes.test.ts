import { describe, it, expect } from "vitest";
import { DomainError } from "./errors";
import {
  CHANGE_KIND_LABELS,
  amendedAmounts,
  assertMayConfirm,
  changeStatusLabel,
  changedFields,
  compareLines,
  confirmRefusal,
  counterpartOf,
  describeAmendment,
  isChangeKind,
  subsidyToRecover,
  type VersionFigures,
} from "./changes";
import { GYEONGGI_2024_PARAMS as P } from "./params";

describe("who confirms a change", () => {
  it("the other company confirms; the proposer and anyone else are refused in Korean", () => {
    expect(counterpartOf("manufacturer")).toBe("supplier");
    expect(counterpartOf("supplier")).toBe("manufacturer");
    expect(confirmRefusal("supplier", "manufacturer")).toBeNull();
    expect(confirmRefusal("manufacturer", "supplier")).toBeNull();
    expect(confirmRefusal("supplier", "supplier")).toBe("변경을 신청한 기업은 스스로 확인할 수 없습니다. 도입기업의 확인을 기다립니다.");
    expect(confirmRefusal("manufacturer", "manufacturer")).toBe("변경을 신청한 기업은 스스로 확인할 수 없습니다. 공급기업의 확인을 기다립니다.");
    expect(confirmRefusal("manufacturer", "monitor")).toBe("변경 신청은 도입기업과 공급기업만 확인할 수 있습니다.");
    expect(confirmRefusal("monitor", "supplier")).toBe("변경 신청을 한 기업을 알 수 없습니다.");
  });

  it("assertMayConfirm throws the reason as a DomainError", () => {
    expect(() => assertMayConfirm("supplier", "manufacturer")).not.toThrow();
    const error = (() => {
      try {
        assertMayConfirm("supplier", "supplier");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("change_confirm_refused");
  });
});

describe("amended figures", () => {
  it("recomputes 50 % of the new total", () => {
    expect(amendedAmounts(28_000_000, P)).toEqual({ agreedCost: 28_000_000, subsidy: 14_000_000, companyShare: 14_000_000, capped: false });
    expect(amendedAmounts(30_000_001, P)).toEqual({ agreedCost: 30_000_001, subsidy: 15_000_000, companyShare: 15_000_001, capped: false });
  });

  it("a cost increase is allowed, the subsidy never exceeds the cap", () => {
    expect(amendedAmounts(32_000_000, P)).toEqual({ agreedCost: 32_000_000, subsidy: 16_000_000, companyShare: 16_000_000, capped: false });
    expect(amendedAmounts(40_000_000, P)).toEqual({ agreedCost: 40_000_000, subsidy: 16_000_000, companyShare: 24_000_000, capped: true });
  });

  it("refuses a zero or invalid total", () => {
    expect(() => amendedAmounts(0, P)).toThrow("변경 후 사업비는 1원 이상이어야 합니다.");
    expect(() => amendedAmounts(-1, P)).toThrow(DomainError);
    expect(() => amendedAmounts(1.5, P)).toThrow(DomainError);
  });

  it("subsidy paid beyond the new subsidy is to be recovered, never negative", () => {
    expect(subsidyToRecover(16_000_000, 14_000_000)).toBe(2_000_000);
    expect(subsidyToRecover(10_000_000, 14_000_000)).toBe(0);
    expect(subsidyToRecover(0, 0)).toBe(0);
  });

  it("describes only the figures that moved", () => {
    const before = { agreedCost: 28_000_000, subsidy: 14_000_000, companyShare: 14_000_000 };
    expect(describeAmendment(before, { agreedCost: 30_000_000, subsidy: 15_000_000, companyShare: 15_000_000 })).toBe(
      "협약금액 28,000,000원 → 30,000,000원, 정부지원금 14,000,000원 → 15,000,000원, 기업부담금 14,000,000원 → 15,000,000원",
    );
    expect(describeAmendment(before, { agreedCost: 28_000_000, subsidy: 14_000_000, companyShare: 14_000_000 })).toBe("금액 변동 없음");
    expect(
      describeAmendment(
        { agreedCost: 40_000_000, subsidy: 16_000_000, companyShare: 24_000_000 },
        { ...before, agreedCost: 40_000_000, subsidy: 16_000_000, companyShare: 24_000_000 },
      ),
    ).toBe("금액 변동 없음");
  });
});

describe("labels", () => {
  it("names kinds and statuses in Korean, the raw value when unknown", () => {
    expect(CHANGE_KIND_LABELS.scope).toBe("사업범위(품목) 변경");
    expect(isChangeKind("cost")).toBe(true);
    expect(isChangeKind("period")).toBe(false);
    expect(changeStatusLabel("proposed")).toBe("상대 기업 확인 대기");
    expect(changeStatusLabel("awaiting_counterpart")).toBe("상대 기업 확인 대기");
    expect(changeStatusLabel("pending")).toBe("승인 대기");
    expect(changeStatusLabel("withdrawn")).toBe("상대 기업 거절");
    expect(changeStatusLabel("toString")).toBe("toString");
  });
});

describe("versions side by side", () => {
  const v1: VersionFigures = {
    startOn: "2026-01-01",
    endOn: "2026-04-30",
    agreedCost: 28_000_000,
    subsidy: 14_000_000,
    companyShare: 14_000_000,
    quoteVersion: 1,
    planVersion: 1,
  };
  it("marks the cells that differ from the version before", () => {
    const v2 = { ...v1, endOn: "2026-06-30" };
    const v3 = { ...v2, agreedCost: 30_000_000, subsidy: 15_000_000, companyShare: 15_000_000, quoteVersion: 2, planVersion: 2 };
    expect(changedFields([v1, v2, v3])).toEqual([[], ["period"], ["agreedCost", "subsidy", "companyShare", "quoteVersion", "planVersion"]]);
    expect(changedFields([])).toEqual([]);
  });

  it("compares quote lines: same, changed, added, removed", () => {
    const line = (description: string, quantity: number, unitPrice: number, kind = "hw_part") => ({
      kind,
      description,
      quantity,
      unitPrice,
      amount: quantity * unitPrice,
    });
    const before = [line("PLC", 1, 10_000_000), line("센서", 4, 500_000), line("교육", 1, 1_000_000, "training"), line("PLC", 1, 1)];
    const after = [line("PLC", 1, 10_000_000), line("센서", 6, 500_000), line("HMI", 1, 3_000_000)];
    expect(compareLines(before, after).map((r) => [r.description, r.change])).toEqual([
      ["PLC", "same"],
      ["센서", "changed"],
      ["HMI", "added"],
      ["교육", "removed"],
    ]);
    const changed = compareLines(before, after)[1];
    expect(changed.before?.quantity).toBe(4);
    expect(changed.after?.quantity).toBe(6);
    expect(compareLines([line("A", 1, 1)], [line("A", 1, 2)])[0].change).toBe("changed");
  });
});
