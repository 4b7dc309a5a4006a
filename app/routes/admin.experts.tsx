// 외부전문가·원가계산기관 등록 (TP staff only; anyone else: 404; ADR 029): the Technopark registers an external
// evaluator (an individual expert is a one-person organisation) or a cost-accounting agency and invites its
// first person as the organisation's admin; the person sets a password from the mailed link
// (/invitations/$token) and may invite colleagues on 조직 관리. Deactivating one is done on 기관 관리.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/session.server";
import { Field, FieldError, StepForm, useStepForm } from "~/components/step-form";
import { BusinessNumberField, RegionSelect } from "~/components/organization-fields";
import { ORGANIZATION_KIND_LABELS, isExpertRole, josa } from "~/domain";
import { mayRegisterExperts, registerExpertOrganization, registeredExperts } from "~/models/expert-organization.server";
import { seoulTime } from "~/mail/mailbox.server";
import { intent, runIntent } from "~/utils/admin-intents.server";
import { EXPERT_KIND_LABELS, ExpertOrganizationSchema } from "~/utils/expert-organization-schema";
import { readForm } from "~/utils/forms.server";
import { notFound } from "~/utils/ticket-step.server";

export const meta: MetaFunction = () => [{ title: "외부전문가·원가계산기관 · 스마트공장 AS 트래커" }];

const PAGE = "/admin/experts";
const PAGE_MISSING = "페이지를 찾을 수 없습니다.";
const STATUS_LABELS: Record<string, string> = { active: "이용 중", deactivated: "비활성" };

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const rows = await registeredExperts(actor);
  if (!rows) notFound(PAGE_MISSING);
  return { organizations: rows.map((o) => ({ ...o, members: o._count.users, createdAt: seoulTime(o.createdAt) })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  // nobody but TP staff reaches the form parsing (the same 404 as the page)
  if (!mayRegisterExperts(actor)) notFound(PAGE_MISSING);
  return runIntent(
    await readForm(request),
    {
      register: intent(ExpertOrganizationSchema, async (value) => {
        const done = await registerExpertOrganization(actor, value);
        return `${josa(done.name, "을", "를")} 등록하고 ${done.email}에 관리자 초대 메일을 보냈습니다.`;
      }),
    },
    PAGE,
  );
}

function RegisterForm() {
  const reply = useActionData<typeof action>();
  const { fields: f, props } = useStepForm({ id: "register", schema: ExpertOrganizationSchema, reply, defaultValue: { kind: "evaluator" } });
  return (
    <StepForm {...props} title="외부전문가·원가계산기관 등록">
      <h2>새로 등록</h2>
      <input type="hidden" name="intent" value="register" />
      <fieldset className="field">
        <legend>구분</legend>
        {(["evaluator", "cost_agency"] as const).map((kind) => (
          <label key={kind} className="check">
            <input type="radio" name={f.kind.name} value={kind} defaultChecked={(f.kind.initialValue ?? "evaluator") === kind} />{" "}
            {EXPERT_KIND_LABELS[kind]}
          </label>
        ))}
        <FieldError meta={f.kind} />
      </fieldset>
      <div className="grid-2">
        <Field meta={f.name} label="기관명(또는 전문가 이름)" autoComplete="organization" />
        <BusinessNumberField meta={f.businessNumber} />
        <Field meta={f.representative} label="대표자 (선택)" />
        <RegionSelect meta={f.region} />
      </div>
      <Field meta={f.address} label="주소" autoComplete="street-address" />
      <Field
        meta={f.email}
        label="첫 담당자 이메일"
        type="email"
        autoComplete="off"
        hint="이 주소로 초대 메일을 보냅니다. 담당자는 링크에서 비밀번호를 정하고 기관의 관리자가 되어 동료를 초대할 수 있습니다."
      />
      <div className="actions-bar">
        <button type="submit" disabled={props.pending}>
          {props.pending ? "등록하는 중…" : "등록하고 초대 메일 보내기"}
        </button>
      </div>
    </StepForm>
  );
}

export default function AdminExperts() {
  const { organizations } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted">
        <Link to="/admin/organizations">← 기관 관리</Link>
      </p>
      <h1>외부전문가·원가계산기관</h1>
      <p className="muted">
        현장평가를 맡을 외부전문가와 원가적정성 검토를 맡을 원가계산기관을 등록합니다. 회원가입으로는 만들 수 없습니다. 과제별 배정은 각 과제의
        외부전문가 메뉴에서 합니다.
      </p>
      <RegisterForm />
      <section aria-labelledby="experts-title">
        <h2 id="experts-title">등록한 기관 {organizations.length}곳</h2>
        {organizations.length === 0 ? (
          <p className="muted">아직 등록한 기관이 없습니다.</p>
        ) : (
          <ul>
            {organizations.map((o) => (
              <li key={o.id} data-expert-organization={o.businessNumber}>
                <strong>{o.name}</strong> · {isExpertRole(o.kind) ? ORGANIZATION_KIND_LABELS[o.kind] : o.kind} · 사업자등록번호{" "}
                {o.businessNumber} · {o.members}명 · {STATUS_LABELS[o.status] ?? o.status} · 등록 {o.createdAt}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
