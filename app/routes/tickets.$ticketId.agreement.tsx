// 협약 (the three-party agreement, ADR 031): the TP prepares the draft (start date, and why when it lies
// before today), the manufacturer and the supplier each read its full text and consent, the TP concludes
// once both have. One page for the three parties; each form names its intent.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  ROLE_LABELS,
  START_REASON_MAX,
  checkAgreementStart,
  executionWindow,
  formatKoreanDate,
  isCompanyRole,
  isIsoDate,
  josa,
  maxTotalMonths,
  type IsoDate,
  type ProgramParams,
} from "~/domain";
import { consentAgreement, getAgreementPage, prepareAgreement, signAgreement } from "~/models/agreement.server";
import { koreanDateTime } from "~/domain/questions";
import { fields } from "~/utils/fields";
import { requestOrigin } from "~/utils/log.server";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { Field, StepForm, TextareaField, useStepForm } from "~/components/step-form";
import { Reasons, Section, refusalOf } from "~/components/monitor/step";
import {
  AgreementAmounts,
  AgreementText,
  ConsentList,
  PeriodFacts,
  TicketFiguresCard,
  type ConsentRow,
} from "~/components/ticket/agreement-parts";
import { ConcludedAgreement } from "~/components/ticket/agreement-concluded";
import { PdfLink } from "~/components/ticket/document-downloads";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const handle = { step: "협약" };

const PARTIES = ["monitor", "manufacturer", "supplier"] as const;

/** "2026년 12월 1일 10:05" in Asia/Seoul. */

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params, { roles: PARTIES });
  const page = await getAgreementPage(actor, ticketId, today);
  invariantResponse(page);
  const { draft, live, params: p, ...rest } = page;
  // a consent counts while it is not cleared and was given to the draft's text (consentsOf)
  const counted = new Set([live?.manufacturer?.id, live?.supplier?.id]);
  const consents: ConsentRow[] = (draft?.consents ?? []).map((c) => ({
    id: c.id,
    party: c.party,
    name: c.name,
    at: koreanDateTime(c.consentedAt),
    cleared: !counted.has(c.id),
    ipAddress: c.ipAddress,
    userAgent: c.userAgent,
  }));
  const limits = { baseMonths: p.baseMonths, maxExtensionMonths: p.maxExtensionMonths, maxTotalMonths: maxTotalMonths(p) };
  return {
    ...rest,
    today,
    params: p,
    limits,
    draft: draft ? { ...draft, consents: undefined, maxEndOn: executionWindow(draft.startOn, 0, p).maxEndOn } : null,
    consents,
  };
}

const PrepareSchema = z.object({
  intent: z.literal("prepare"),
  version: fields.version,
  startOn: fields.isoDate("사업 시작일"),
  startReason: fields.optionalText("시작일을 앞당기는 사유", START_REASON_MAX),
});
const ConsentSchema = z.object({
  intent: z.literal("consent"),
  textHash: z.string().regex(/^[0-9a-f]{64}$/, "화면 정보가 올바르지 않습니다. 새로고침해 주세요."),
  read: z.literal("on", { error: "협약서 전문을 읽고 동의한다는 확인란을 선택해 주세요." }),
});
const SignSchema = z.object({ intent: z.literal("sign"), version: fields.version });
const Schema = z.discriminatedUnion("intent", [PrepareSchema, ConsentSchema, SignSchema]);

export const action = ticketStepAction({
  roles: PARTIES,
  schema: Schema,
  run: ({ actor, ticketId, today, value, request }) => {
    if (value.intent === "prepare") {
      return prepareAgreement(actor, {
        ticketId,
        expectedVersion: value.version,
        today,
        startOn: value.startOn,
        startReason: value.startReason,
      });
    }
    if (value.intent === "consent") {
      const { ip, userAgent } = requestOrigin(request);
      return consentAgreement(actor, { ticketId, today, textHash: value.textHash, ipAddress: ip, userAgent });
    }
    return signAgreement(actor, { ticketId, expectedVersion: value.version, today });
  },
  done: (_result, { value }) =>
    value.intent === "prepare" ? "협약안을 저장했습니다." : value.intent === "consent" ? "협약안에 동의했습니다." : "협약을 체결했습니다.",
});

export type AgreementPageData = ReturnType<typeof useLoaderData<typeof loader>>;
type Data = AgreementPageData;

export default function AgreementPage() {
  const data = useLoaderData<typeof loader>();
  const { agreement, draft, consents, limits, role, figures } = data;
  if (agreement) {
    return (
      <>
        <TicketFiguresCard figures={figures} />
        <ConcludedAgreement data={data} />
      </>
    );
  }
  return (
    <>
      <TicketFiguresCard figures={figures} />
      {role === "monitor" ? <PrepareForm data={data} /> : null}

      {draft ? (
        <Section title={`협약안 (${draft.version}차)`} id="draft-h">
          {draft.outdated ? (
            <p className="result-fail" data-testid="draft-outdated">
              협약안을 작성한 뒤 원가적정성 검토 결과 등 협약 내용이 바뀌었습니다. 운영기관(TP)이 협약안을 다시 작성해야 동의하거나 체결할 수
              있습니다.
            </p>
          ) : null}
          <p>
            <PdfLink doc="agreement" label="협약서 초안 (PDF)" />
          </p>
          <dl className="facts" data-testid="draft">
            <PeriodFacts period={draft} limits={limits} />
            {draft.startReason ? (
              <>
                <dt>시작일을 앞당기는 사유</dt>
                <dd>{draft.startReason}</dd>
              </>
            ) : null}
            <AgreementAmounts amounts={draft} />
          </dl>
          <h3>동의 현황</h3>
          <ConsentList consents={consents} />
          <AgreementText text={draft.text} hash={draft.textHash} />
          {/* keyed by the text: a new text opens a new form (a tick is never carried over to a text not read) */}
          {isCompanyRole(role) ? <ConsentForm key={draft.textHash} data={data} /> : null}
          {role === "monitor" ? <SignForm data={data} /> : null}
        </Section>
      ) : role !== "monitor" ? (
        <p className="card muted" data-testid="no-draft">
          운영기관(TP)이 협약안을 작성하면 이곳에서 협약서 전문을 읽고 동의할 수 있습니다.
        </p>
      ) : null}
    </>
  );
}

/** The live check of the typed start date: the window and the rules' reasons, before anything is saved. */
function startPreview(startOn: unknown, reason: unknown, data: Data) {
  if (typeof startOn !== "string" || !isIsoDate(startOn)) return null;
  const check = checkAgreementStart(
    {
      startOn: startOn as IsoDate,
      today: data.today,
      selectionNoticeOn: data.selectionNoticeOn,
      reason: typeof reason === "string" ? reason : null,
    },
    data.params as ProgramParams,
  );
  return check;
}

function PrepareForm({ data }: { data: Data }) {
  const { draft, today, selectionNoticeOn, amounts, limits, actions, version } = data;
  const refusal = refusalOf(actions, "prepare_agreement");
  const { fields: f, props } = useStepForm({
    id: "agreement-prepare",
    schema: PrepareSchema,
    version,
    reply: useActionData<typeof action>(),
    defaultValue: { intent: "prepare", startOn: draft?.startOn ?? today, startReason: draft?.startReason ?? "" },
  });
  const check = startPreview(f.startOn.value, f.startReason.value, data);
  return (
    <StepForm {...props} title="협약안 작성">
      <h2 style={{ marginTop: 0 }}>{draft ? "협약안 다시 작성" : "협약안 작성"}</h2>
      <p className="muted">
        선정 통보일 {selectionNoticeOn ? formatKoreanDate(selectionNoticeOn) : "—"} · 오늘 {formatKoreanDate(today)}. 사업 시작일은 선정
        통보일보다 앞설 수 없고, 오늘보다 앞서면 그 사유를 적어야 합니다. 사업기간이나 금액이 바뀌면 두 기업의 동의가 취소되어 다시 받아야
        합니다.
      </p>
      <input type="hidden" name={f.intent.name} value="prepare" />
      <Field meta={f.startOn} label="사업 시작일" type="date" />
      <TextareaField meta={f.startReason} label="시작일을 앞당기는 사유 (오늘 이전 시작일일 때)" rows={2} maxLength={START_REASON_MAX} />
      <dl className="facts" data-testid="agreement-preview" aria-live="polite">
        {check ? <PeriodFacts period={check.window} limits={limits} /> : null}
        <AgreementAmounts amounts={amounts} />
      </dl>
      {check && !check.allowed ? (
        <div data-testid="start-check">
          <Reasons reasons={check.reasons} />
        </div>
      ) : null}
      <p>
        <button type="submit" disabled={Boolean(refusal)} aria-describedby={refusal ? "why-prepare" : undefined}>
          {draft ? "협약안 다시 작성" : "협약안 작성"}
        </button>
      </p>
      <div id="why-prepare">
        <Reasons reasons={refusal} />
      </div>
    </StepForm>
  );
}

function ConsentForm({ data }: { data: Data }) {
  const { draft, consents, role, actions } = data;
  const { fields: f, props } = useStepForm({ id: "agreement-consent", schema: ConsentSchema, reply: useActionData<typeof action>() });
  if (!draft || !isCompanyRole(role)) return null;
  const mine = consents.find((c) => c.party === role && !c.cleared);
  if (mine) {
    return (
      <p data-testid="my-consent">
        {josa(ROLE_LABELS[role], "은", "는")} {mine.at}에 {mine.name}님이 동의했습니다.
      </p>
    );
  }
  const refusal = draft.outdated ? ["협약안이 바뀌기를 기다리고 있습니다."] : refusalOf(actions, "consent_agreement");
  return (
    <StepForm {...props} title="협약 동의">
      <input type="hidden" name={f.intent.name} value="consent" />
      <input type="hidden" name={f.textHash.name} value={draft.textHash} />
      <p>
        <label>
          <input type="checkbox" name={f.read.name} value="on" /> 위 협약서 전문을 읽었으며, {ROLE_LABELS[role]}로서 이 내용에 동의합니다.
        </label>
      </p>
      {f.read.errors?.length ? <p className="field-error">{f.read.errors[0]}</p> : null}
      <p>
        <button type="submit" disabled={Boolean(refusal)} aria-describedby={refusal ? "why-consent" : undefined}>
          협약안에 동의
        </button>
      </p>
      <div id="why-consent">
        <Reasons reasons={refusal} />
      </div>
    </StepForm>
  );
}

function SignForm({ data }: { data: Data }) {
  const { actions, version } = data;
  const refusal = refusalOf(actions, "sign_agreement");
  const { props } = useStepForm({ id: "agreement-sign", schema: SignSchema, version, reply: useActionData<typeof action>() });
  return (
    <StepForm {...props} className="" title="협약 체결">
      <input type="hidden" name="intent" value="sign" />
      <p>
        <button type="submit" disabled={Boolean(refusal)} aria-describedby={refusal ? "why-sign" : undefined}>
          협약 체결
        </button>
      </p>
      <div id="why-sign">
        <Reasons reasons={refusal} />
      </div>
    </StepForm>
  );
}

export const ErrorBoundary = StepErrorBoundary;
