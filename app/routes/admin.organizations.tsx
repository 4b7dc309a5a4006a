// 기관 관리 (TP staff only; anyone else: 404): supplier registrations awaiting approval — approve, or refuse
// with a reason — and the organisations of the Technopark's area, which can be deactivated with a reason
// (their people's sessions end at once; their tickets and history stay). Refusing and deactivating are
// asked on a second view (?confirm=…&id=…) with the reason field: a plain link and form, no JavaScript needed.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { ErrorSummary, StepForm, TextareaField, useStepForm } from "~/components/step-form";
import { deactivateOrganization, decideSupplier, technoparkOrganization, technoparkOrganizations } from "~/models/organization-admin.server";
import { ORGANIZATION_MISSING } from "~/utils/membership";
import { ORGANIZATION_KIND_LABELS, josa } from "~/domain";
import { seoulTime } from "~/mail/mailbox.server";
import { intent, runIntent } from "~/utils/admin-intents.server";
import { readForm } from "~/utils/forms.server";
import { STEP_FORM_FIELD, type StepReply } from "~/utils/step-reply";
import { notFound } from "~/utils/ticket-step.server";

export const meta: MetaFunction = () => [{ title: "기관 관리 · 스마트공장 AS 트래커" }];

const PAGE = "/admin/organizations";
const PAGE_MISSING = "페이지를 찾을 수 없습니다.";

const KIND_LABELS: Record<string, string> = ORGANIZATION_KIND_LABELS;
const STATUS_LABELS: Record<string, string> = { active: "이용 중", pending: "승인 대기", refused: "반려", deactivated: "비활성" };

type Confirmable = "refuse" | "deactivate";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await technoparkOrganizations(actor);
  if (!page) notFound(PAGE_MISSING);
  const url = new URL(request.url);
  const kind = url.searchParams.get("confirm");
  const id = url.searchParams.get("id") ?? "";
  const asked = (kind === "refuse" || kind === "deactivate") && id.length <= 64 ? await technoparkOrganization(actor, id) : null;
  const confirm = asked && kind ? { kind: kind as Confirmable, id: asked.id, name: asked.name, status: asked.status } : null;
  const row = (o: (typeof page.pending)[number]) => ({
    ...o,
    members: o._count.users,
    createdAt: seoulTime(o.createdAt),
    statusChangedAt: o.statusChangedAt ? seoulTime(o.statusChangedAt) : null,
  });
  return { pending: page.pending.map(row), organizations: page.organizations.map(row), confirm };
}

const Id = z.string({ error: ORGANIZATION_MISSING }).min(1, ORGANIZATION_MISSING).max(64, ORGANIZATION_MISSING);
const ReasonSchema = z.object({
  id: Id,
  reason: z.string({ error: "사유를 입력해 주세요." }).trim().min(1, "사유를 입력해 주세요.").max(500, "사유는 500자까지 쓸 수 있습니다."),
});

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  // nobody but TP staff reaches the form parsing (the same 404 as the page)
  if (!(await technoparkOrganizations(actor))) notFound(PAGE_MISSING);
  return runIntent(
    await readForm(request),
    {
      approve: intent(
        z.object({ id: Id }),
        async ({ id }) => `${(await decideSupplier(actor, id, { approve: true })).name}의 등록을 승인했습니다.`,
      ),
      refuse: intent(
        ReasonSchema,
        async ({ id, reason }) => `${(await decideSupplier(actor, id, { approve: false, reason })).name}의 등록을 반려했습니다.`,
      ),
      deactivate: intent(
        ReasonSchema,
        async ({ id, reason }) => `${josa((await deactivateOrganization(actor, id, reason)).name, "을", "를")} 비활성화했습니다.`,
      ),
    },
    PAGE,
  );
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

const CONFIRM_TEXT: Record<Confirmable, { title: (name: string) => string; detail: string; label: string; button: string }> = {
  refuse: {
    title: (name) => `${name}의 공급기업 등록을 반려할까요?`,
    detail: "반려 사유는 공급기업에 메일로 전달됩니다. 반려된 기업은 로그인할 수 없고, 도입기업이 지정할 수 없습니다.",
    label: "반려 사유",
    button: "반려하기",
  },
  deactivate: {
    title: (name) => `${josa(name, "을", "를")} 비활성화할까요?`,
    detail:
      "비활성화하면 이 기관의 모든 사람이 즉시 로그아웃되고 다시 로그인할 수 없습니다. 과제와 기록은 그대로 남습니다. 사유는 메일로 전달됩니다.",
    label: "비활성화 사유",
    button: "비활성화하기",
  },
};

function ConfirmWithReason({ confirm, reply }: { confirm: NonNullable<Data["confirm"]>; reply: StepReply | undefined }) {
  const text = CONFIRM_TEXT[confirm.kind];
  const { fields, props } = useStepForm({ id: confirm.kind, schema: ReasonSchema, reply, defaultValue: { id: confirm.id } });
  return (
    <StepForm {...props} title={text.title(confirm.name)}>
      <h2>{text.title(confirm.name)}</h2>
      <p>{text.detail}</p>
      <input type="hidden" name="intent" value={confirm.kind} />
      <input type="hidden" name="id" value={confirm.id} />
      <TextareaField meta={fields.reason} label={text.label} rows={3} />
      <div className="button-row">
        <button type="submit">{text.button}</button>
        <Link to={PAGE} className="button secondary">
          취소
        </Link>
      </div>
    </StepForm>
  );
}

type Row = Data["pending"][number];

function Pending({ rows }: { rows: Row[] }) {
  return (
    <section aria-labelledby="pending-title">
      <h2 id="pending-title">승인을 기다리는 공급기업 {rows.length}곳</h2>
      {rows.length === 0 ? (
        <p className="muted">승인을 기다리는 공급기업이 없습니다.</p>
      ) : (
        <ul>
          {rows.map((o) => (
            <li key={o.id} data-pending={o.businessNumber}>
              <strong>{o.name}</strong> · 사업자등록번호 {o.businessNumber} · 대표 {o.representative ?? "-"} · {o.address} · 신청 {o.createdAt}
              <div className="button-row">
                <Form method="post">
                  <input type="hidden" name={STEP_FORM_FIELD} value="approve" />
                  <input type="hidden" name="intent" value="approve" />
                  <input type="hidden" name="id" value={o.id} />
                  <button type="submit">승인</button>
                </Form>
                <Link to={`?confirm=refuse&id=${o.id}`} className="button secondary">
                  반려
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Organizations({ rows }: { rows: Row[] }) {
  return (
    <section aria-labelledby="orgs-title">
      <h2 id="orgs-title">관할 기관</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">기관</th>
              <th scope="col">구분</th>
              <th scope="col">지역</th>
              <th scope="col">사람</th>
              <th scope="col">상태</th>
              <th scope="col">관리</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => (
              <tr key={o.id} data-organization={o.businessNumber}>
                <td>{o.name}</td>
                <td>{KIND_LABELS[o.kind] ?? o.kind}</td>
                <td>{o.region}</td>
                <td>{o.members}명</td>
                <td>
                  {STATUS_LABELS[o.status] ?? o.status}
                  {o.statusReason ? ` (${o.statusReason})` : ""}
                </td>
                <td>
                  {o.status === "active" ? (
                    <Link to={`?confirm=deactivate&id=${o.id}`} className="button secondary">
                      비활성화
                    </Link>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default function AdminOrganizations() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const buttonReply = reply && reply.form === "approve" ? reply : undefined;
  return (
    <>
      <h1>기관 관리</h1>
      <p>
        <Link to="/admin/experts">외부전문가·원가계산기관 등록 및 초대</Link>
      </p>
      {buttonReply ? <ErrorSummary errors={buttonReply.result.error?.[""] ?? []} reply={buttonReply} /> : null}
      {data.confirm ? <ConfirmWithReason confirm={data.confirm} reply={reply} /> : null}
      <Pending rows={data.pending} />
      <Organizations rows={data.organizations} />
    </>
  );
}
