// Small pieces the step pages share: why a step is not possible now, a titled card, the money
// facts. (The ticket's header is the layout route's; forms are components/step-form.tsx.)
import type { ReactNode } from "react";
import { formatKRW, type AvailableAction, type Action } from "~/domain";

/** Why an action of the state machine is not possible now (from availableActions), if it is not. */
export function refusalOf(actions: AvailableAction[], action: Action): string[] | null {
  const a = actions.find((x) => x.action === action);
  if (!a) return ["현재 단계에서는 할 수 없는 작업입니다."];
  return a.allowed ? null : a.reasons;
}

export function Reasons({ reasons }: { reasons: string[] | null }) {
  if (!reasons || reasons.length === 0) return null;
  return (
    <ul className="reasons">
      {reasons.map((r) => (
        <li key={r}>{r}</li>
      ))}
    </ul>
  );
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} style={{ marginTop: 0 }}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** 협약금액 · 정부지원금 · 기업부담금 as <dt>/<dd> pairs (inside a <dl className="facts">). */
export function AmountsFacts({ amounts }: { amounts: { agreedCost: number; subsidy: number; companyShare: number } }) {
  return (
    <>
      <dt>협약금액</dt>
      <dd>{formatKRW(amounts.agreedCost)}</dd>
      <dt>정부지원금</dt>
      <dd>{formatKRW(amounts.subsidy)}</dd>
      <dt>기업부담금</dt>
      <dd>{formatKRW(amounts.companyShare)}</dd>
    </>
  );
}
