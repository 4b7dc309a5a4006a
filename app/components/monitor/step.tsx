import { Link, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { SUPPORT_TYPE_LABELS, formatKRW, isSupportType, type AvailableAction, type Action } from "~/domain";
import { DueBadge, StateBadge } from "~/components/badges";

/** What a step action returns: ok with a message, or a FormFailure (see app/utils/forms.server.ts). */
export type StepResult =
  | { ok: true; message: string }
  | { ok: false; formError?: string; reasons?: string[]; fieldErrors?: Record<string, string>; values?: Record<string, string>; conflict?: boolean };

type Header = {
  id: string;
  number: string;
  title: string;
  state: string;
  planDueOn: string | null;
  revisionDueOn: string | null;
  windowEndOn: string | null;
  manufacturer: { name: string };
  supplier: { name: string };
  supportTypes: { type: string }[];
};

/** The top of every monitor step page: which ticket, its state and clock. */
export function StepHeading({ ticket, title, today }: { ticket: Header; title: string; today: string }) {
  return (
    <>
      <p className="muted no-print">
        <Link to={`/tickets/${ticket.id}`}>← {ticket.number} 과제로</Link> · <Link to="/dashboard">대시보드</Link>
      </p>
      <h1>
        {title} · {ticket.number}
      </h1>
      <div className="card step-head">
        <strong>{ticket.title}</strong>
        <StateBadge state={ticket.state} />
        <DueBadge state={ticket.state} planDueOn={ticket.planDueOn} revisionDueOn={ticket.revisionDueOn} windowEndOn={ticket.windowEndOn} today={today} />
        <span className="muted">
          도입기업 {ticket.manufacturer.name} · 공급기업 {ticket.supplier.name} · {ticket.supportTypes.map((s) => (isSupportType(s.type) ? SUPPORT_TYPE_LABELS[s.type] : s.type)).join(", ")}
        </span>
      </div>
    </>
  );
}

/** The outcome of the last post: the toast, the refusal with its reasons, or the conflict message. */
export function StepMessage({ result }: { result: StepResult | undefined }) {
  if (!result) return null;
  if (result.ok) {
    return (
      <p className="toast-ok" role="status">
        {result.message}
      </p>
    );
  }
  return (
    <div className="form-error" role="alert" data-conflict={result.conflict ? "true" : undefined}>
      {result.formError}
      {result.reasons && result.reasons.length > 1 ? (
        <ul>
          {result.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function FieldError({ result, name }: { result: StepResult | undefined; name: string }) {
  const message = result && !result.ok ? result.fieldErrors?.[name] : undefined;
  return message ? (
    <p className="field-error" id={`${name}-error`}>
      {message}
    </p>
  ) : null;
}

/** The value to show in a field: what was typed (after a failure) or the loader's value. */
export function typed(result: StepResult | undefined, name: string, fallback: string | number | null | undefined = ""): string {
  const v = result && !result.ok ? result.values?.[name] : undefined;
  return v ?? (fallback == null ? "" : String(fallback));
}

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

/**
 * Success messages of the step pages. A successful post redirects to `?done=<key>` (post →
 * redirect → get), so the message survives the live-update refresh of the page's data.
 */
export const DONE_MESSAGES: Record<string, string> = {
  rejected: "반려 처리했습니다.",
  evaluation_saved: "평가표를 임시 저장했습니다.",
  evaluation_submitted: "현장평가 결과를 제출했습니다. 평가표는 이제 수정할 수 없습니다.",
  selected: "지원대상으로 선정했습니다.",
  not_selected: "미선정 처리했습니다.",
  plan_accepted: "수행계획서 검토를 마치고 원가적정성 검토를 의뢰했습니다.",
  plan_change: "수행계획서 보완을 요청했습니다.",
  cost_review: "원가적정성 검토 결과를 입력했습니다.",
  agreement: "협약을 체결했습니다.",
  payment: "사업비 지급을 기록했습니다.",
  extension_approved: "사업기간 연장을 승인했습니다.",
  extension_refused: "사업기간 연장을 불승인했습니다.",
  completion_passed: "완료점검을 통과했습니다.",
  completion_failed: "보완을 요구하고 과제수행 단계로 되돌렸습니다.",
  follow_up: "사후관리를 시작했습니다.",
  follow_up_note: "사후관리 기록을 저장했습니다.",
  cancelled: "선정을 취소했습니다.",
  program_saved: "사업 설정을 저장했습니다.",
  program_created: "새 사업을 만들었습니다. 설정값을 확인하세요.",
};

/** The last post's outcome: the failure returned by the action, else the `?done=` message. */
export function useStepResult(actionData: unknown): StepResult | undefined {
  const [params] = useSearchParams();
  const failure = actionData as StepResult | undefined;
  if (failure && !failure.ok) return failure;
  const done = params.get("done");
  return done && DONE_MESSAGES[done] ? { ok: true, message: DONE_MESSAGES[done] } : undefined;
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
