// 조직 관리: the people of the actor's own organisation. Everyone sees the members; admins also invite
// colleagues, see open invitations and join requests, remove members, give or hand over the admin role.
// Removing someone (or refusing a request, or leaving) is confirmed on a second view (?confirm=…), which
// is a plain link and a plain form, so it works without JavaScript. The models refuse whatever the page
// does not offer (a member who is not an admin: 403; a person of another organisation: 404).
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { ErrorSummary, Field, StepForm, useStepForm } from "~/components/step-form";
import { ROLE_LABELS, isRole } from "~/domain";
import { cancelInvitation, changeAdmin, decideJoinRequest, inviteMember, organizationOverview, removeMember } from "~/models/membership.server";
import { seoulTime } from "~/mail/mailbox.server";
import { intent, runIntent } from "~/utils/admin-intents.server";
import { readForm } from "~/utils/forms.server";
import { INVITATION_VALID_DAYS } from "~/utils/membership";
import { STEP_FORM_FIELD, type StepReply } from "~/utils/step-reply";

export const meta: MetaFunction = () => [{ title: "조직 관리 · 스마트공장 AS 트래커" }];

const PAGE = "/organization";
/** The views that ask "are you sure?" before a change that cannot be undone from this page. */
const CONFIRMABLE = ["remove", "leave", "refuse-join"] as const;
type Confirmable = (typeof CONFIRMABLE)[number];

function confirmOf(url: URL): { kind: Confirmable; id: string } | null {
  const kind = url.searchParams.get("confirm");
  const id = url.searchParams.get("id") ?? "";
  return (CONFIRMABLE as readonly string[]).includes(kind ?? "") && id.length <= 64 ? { kind: kind as Confirmable, id } : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const overview = await organizationOverview(actor);
  const asked = confirmOf(new URL(request.url));
  // only a person this page lists can be confirmed, only by whom may do it (anything else: the page without the question)
  const people = asked?.kind === "refuse-join" ? overview.requests : overview.members;
  const allowed = asked?.kind === "leave" ? asked.id === actor.userId : overview.isAdmin;
  const person = asked && allowed ? people.find((p) => p.id === asked.id) : undefined;
  const confirm = asked && person ? { kind: asked.kind, id: person.id, name: person.name, email: person.email } : null;
  return {
    ...overview,
    me: actor.userId,
    confirm,
    invitations: overview.invitations.map((i) => ({ ...i, expiresAt: seoulTime(i.expiresAt) })),
    members: overview.members.map((m) => ({ ...m, lastLoginAt: m.lastLoginAt ? seoulTime(m.lastLoginAt) : null })),
  };
}

const Id = z.string({ error: "구성원을 찾을 수 없습니다." }).min(1, "구성원을 찾을 수 없습니다.").max(64, "구성원을 찾을 수 없습니다.");
const IdSchema = z.object({ id: Id });
const InviteSchema = z.object({
  email: z
    .string({ error: "초대할 분의 이메일을 입력해 주세요." })
    .trim()
    .max(254, "이메일이 너무 깁니다.")
    .pipe(z.email({ error: "올바른 이메일 주소를 입력해 주세요. 예: name@company.kr" })),
  makeAdmin: z.literal("on").optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const form = await readForm(request);
  return runIntent(
    form,
    {
      invite: intent(InviteSchema, async ({ email, makeAdmin }) => {
        await inviteMember(actor, { email, makeAdmin: makeAdmin === "on" });
        return `${email}에 초대 메일을 보냈습니다. 링크는 ${INVITATION_VALID_DAYS}일 동안 쓸 수 있습니다.`;
      }),
      "cancel-invitation": intent(IdSchema, async ({ id }) => `${(await cancelInvitation(actor, id)).email} 초대를 취소했습니다.`),
      remove: intent(IdSchema, async ({ id }) => `${(await removeMember(actor, id)).name} 님을 조직에서 제외했습니다.`),
      leave: intent(IdSchema, async () => {
        await removeMember(actor, actor.userId);
        return "조직을 떠났습니다.";
      }),
      grant: intent(IdSchema, async ({ id }) => `${(await changeAdmin(actor, id, "grant")).name} 님에게 관리자 권한을 주었습니다.`),
      revoke: intent(IdSchema, async ({ id }) => `${(await changeAdmin(actor, id, "revoke")).name} 님의 관리자 권한을 해제했습니다.`),
      "hand-over": intent(IdSchema, async ({ id }) => `${(await changeAdmin(actor, id, "handOver")).name} 님에게 관리자 권한을 넘겼습니다.`),
      "approve-join": intent(IdSchema, async ({ id }) => `${(await decideJoinRequest(actor, id, true)).name} 님의 가입을 승인했습니다.`),
      "refuse-join": intent(IdSchema, async ({ id }) => `${(await decideJoinRequest(actor, id, false)).name} 님의 가입 요청을 거절했습니다.`),
    },
    PAGE,
  );
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** A one-button form for one person (its intent and id), named "member" for the error summary. */
function ActionButton({ intent: name, id, label, secondary = true }: { intent: string; id: string; label: string; secondary?: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name={STEP_FORM_FIELD} value="member" />
      <input type="hidden" name="intent" value={name} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className={secondary ? "secondary" : undefined}>
        {label}
      </button>
    </Form>
  );
}

const CONFIRM_TEXT: Record<Confirmable, { question: (name: string) => string; detail: string; button: string }> = {
  remove: {
    question: (name) => `${name} 님을 조직에서 제외할까요?`,
    detail: "제외하면 이 분은 즉시 모든 기기에서 로그아웃되고 다시 로그인할 수 없습니다. 이 분이 남긴 과제 기록은 그대로 남습니다.",
    button: "제외하기",
  },
  leave: {
    question: () => "조직을 떠날까요?",
    detail: "떠나면 즉시 로그아웃되고 이 계정으로 다시 로그인할 수 없습니다. 남긴 과제 기록은 그대로 남습니다.",
    button: "조직 떠나기",
  },
  "refuse-join": {
    question: (name) => `${name} 님의 가입 요청을 거절할까요?`,
    detail: "거절하면 이 분에게 메일로 알려 드리고, 이 분은 조직의 과제를 볼 수 없습니다.",
    button: "거절하기",
  },
};

function Confirm({ confirm }: { confirm: NonNullable<Data["confirm"]> }) {
  const text = CONFIRM_TEXT[confirm.kind];
  return (
    <section className="card" aria-labelledby="confirm-title" role="alertdialog">
      <h2 id="confirm-title">{text.question(confirm.name)}</h2>
      <p>
        {confirm.name} ({confirm.email})
      </p>
      <p>{text.detail}</p>
      <Form method="post">
        <input type="hidden" name={STEP_FORM_FIELD} value="member" />
        <input type="hidden" name="intent" value={confirm.kind} />
        <input type="hidden" name="id" value={confirm.id} />
        <div className="button-row">
          <button type="submit">{text.button}</button>
          <Link to={PAGE} className="button secondary">
            취소
          </Link>
        </div>
      </Form>
    </section>
  );
}

function InviteForm({ reply }: { reply: StepReply | undefined }) {
  const { fields, props } = useStepForm({ id: "invite", schema: InviteSchema, reply });
  return (
    <StepForm {...props} title="구성원 초대">
      <input type="hidden" name="intent" value="invite" />
      <h2>구성원 초대</h2>
      <Field
        meta={fields.email}
        type="email"
        label="초대할 분의 이메일"
        autoComplete="off"
        hint={`초대 링크는 ${INVITATION_VALID_DAYS}일 동안 한 번만 쓸 수 있습니다. 이미 가입된 이메일은 초대할 수 없습니다.`}
      />
      <div className="field">
        <label>
          <input type="checkbox" name={fields.makeAdmin.name} /> 관리자로 초대 (구성원을 초대·제외할 수 있습니다)
        </label>
      </div>
      <button type="submit">초대 메일 보내기</button>
    </StepForm>
  );
}

function Members({ data }: { data: Data }) {
  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">구성원 {data.members.length}명</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">이름</th>
              <th scope="col">이메일</th>
              <th scope="col">연락처</th>
              <th scope="col">권한</th>
              <th scope="col">최근 로그인</th>
              {data.isAdmin ? <th scope="col">관리</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.members.map((m) => (
              <tr key={m.id} data-member={m.email}>
                <td>
                  {m.name}
                  {m.id === data.me ? " (나)" : ""}
                </td>
                <td>{m.email}</td>
                <td>{m.phone ?? "-"}</td>
                <td>{m.isAdmin ? <span className="badge">관리자</span> : "구성원"}</td>
                <td>{m.lastLoginAt ?? "-"}</td>
                {data.isAdmin ? (
                  <td>
                    {m.id === data.me ? null : (
                      <div className="button-row">
                        {m.isAdmin ? (
                          <ActionButton intent="revoke" id={m.id} label="관리자 해제" />
                        ) : (
                          <>
                            <ActionButton intent="grant" id={m.id} label="관리자 지정" />
                            <ActionButton intent="hand-over" id={m.id} label="관리자 넘기기" />
                          </>
                        )}
                        <Link to={`?confirm=remove&id=${m.id}`} className="button secondary">
                          제외
                        </Link>
                      </div>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <Link to={`?confirm=leave&id=${data.me}`}>이 조직 떠나기</Link>
      </p>
    </section>
  );
}

function Invitations({ data }: { data: Data }) {
  return (
    <section aria-labelledby="invitations-title">
      <h2 id="invitations-title">수락을 기다리는 초대</h2>
      {data.invitations.length === 0 ? (
        <p className="muted">기다리는 초대가 없습니다.</p>
      ) : (
        <ul>
          {data.invitations.map((i) => (
            <li key={i.id} data-invitation={i.email}>
              {i.email} · {i.role && isRole(i.role) ? ROLE_LABELS[i.role] : ""} {i.makeAdmin ? "관리자" : "구성원"} · {i.expiresAt}까지{" "}
              <ActionButton intent="cancel-invitation" id={i.id} label="초대 취소" />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function JoinRequests({ data }: { data: Data }) {
  return (
    <section aria-labelledby="requests-title">
      <h2 id="requests-title">가입 요청</h2>
      {data.requests.length === 0 ? (
        <p className="muted">기다리는 가입 요청이 없습니다.</p>
      ) : (
        <ul>
          {data.requests.map((r) => (
            <li key={r.id} data-request={r.email}>
              {r.name} ({r.email}, {r.phone ?? "연락처 없음"})
              <div className="button-row">
                <ActionButton intent="approve-join" id={r.id} label="승인" secondary={false} />
                <Link to={`?confirm=refuse-join&id=${r.id}`} className="button secondary">
                  거절
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default function Organization() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const memberReply = reply && reply.form !== "invite" ? reply : undefined;
  return (
    <>
      <h1>조직 관리 · {data.organization.name}</h1>
      {data.isAdmin ? null : <p className="muted">구성원 초대와 제외는 조직 관리자만 할 수 있습니다.</p>}
      {memberReply ? <ErrorSummary errors={memberReply.result.error?.[""] ?? []} reply={memberReply} /> : null}
      {data.confirm ? <Confirm confirm={data.confirm} /> : null}
      <Members data={data} />
      {data.isAdmin ? (
        <>
          <InviteForm reply={reply} />
          <Invitations data={data} />
          <JoinRequests data={data} />
        </>
      ) : null}
    </>
  );
}
