import { requireVisibleTicket } from "~/models/ticket.server";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { deleteDocument, getDocumentsPage, uploadDocument } from "~/models/documents.server";
import { ACCEPTED_LABEL, ACCEPTED_UPLOADS, readUploadForm } from "~/models/files.server";
import { badRequest, failureResponse, fields, formValues, parseForm, type FormFailure } from "~/utils/forms.server";
import {
  DOCUMENT_KINDS,
  DOCUMENT_KIND_LABELS,
  SF_PROOF_KINDS,
  formatKoreanDate,
  formatKoreanDateShort,
  isEligibilityBasis,
  requiredFiscalYears,
  seoulDate,
  type DocumentKind,
} from "~/domain";
import { StateBadge } from "~/components/badges";
import makerStyles from "~/styles/maker.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: makerStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.ticket.number} 신청서류 · 스마트공장 AS 트래커` : "신청서류 · 스마트공장 AS 트래커" },
];

const ParamsSchema = z.object({ ticketId: z.string().min(1).max(64) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const parsed = ParamsSchema.safeParse(params);
  const page = parsed.success ? await getDocumentsPage(actor, parsed.data.ticketId, seoulDate(new Date())) : null;
  // Not yours and does not exist look the same.
  if (!page) throw new Response("과제를 찾을 수 없습니다.", { status: 404 });
  return { ...page, accepted: { label: ACCEPTED_LABEL, extensions: ACCEPTED_UPLOADS } };
}

const UploadSchema = z.object({
  intent: z.literal("upload"),
  version: fields.version,
  kind: z.enum(DOCUMENT_KINDS, { error: "서류 종류를 선택해 주세요." }),
  issuedOn: fields.isoDate("발행일"),
  fiscalYear: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!/^\d{4}$/.test(v)) {
        ctx.addIssue({ code: "custom", message: "회계연도는 네 자리 연도(예: 2023)로 입력해 주세요." });
        return z.NEVER;
      }
      return Number(v);
    }),
});
const DeleteSchema = z.object({ intent: z.literal("delete"), version: fields.version, documentId: fields.id });

type Result = ({ ok: true; message: string } | FormFailure) & { intent?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const parsedParams = ParamsSchema.safeParse(params);
  if (!parsedParams.success) throw new Response("과제를 찾을 수 없습니다.", { status: 404 });
  await requireVisibleTicket(actor, parsedParams.data.ticketId); // foreign → 404 before the form is read
  const ticketId = parsedParams.data.ticketId;
  let form: FormData;
  try {
    form = await readUploadForm(request);
  } catch (error) {
    return failureResponse(error);
  }
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "delete") {
      const parsed = parseForm(DeleteSchema, form);
      if (!parsed.success) return badRequest({ ...parsed.failure, intent } as FormFailure);
      await deleteDocument(actor, ticketId, parsed.data.version, parsed.data.documentId);
      return { ok: true, message: "서류를 삭제했습니다.", intent } satisfies Result;
    }
    const parsed = parseForm(UploadSchema, form);
    const file = form.get("file");
    const noFile = !(file instanceof File) || file.size === 0;
    if (!parsed.success || noFile) {
      const failure: FormFailure = parsed.success ? { ok: false, formError: "입력 내용을 확인해 주세요.", values: formValues(form) } : parsed.failure;
      return badRequest({ ...failure, fieldErrors: { ...failure.fieldErrors, ...(noFile ? { file: "올릴 파일을 선택해 주세요." } : {}) }, intent } as FormFailure);
    }
    if (parsed.data.kind === "financial_statements" && parsed.data.fiscalYear === null) {
      return badRequest({ ok: false, formError: "입력 내용을 확인해 주세요.", fieldErrors: { fiscalYear: "재무제표는 회계연도를 입력해 주세요." }, values: formValues(form), intent } as FormFailure);
    }
    await uploadDocument(actor, ticketId, parsed.data.version, { ...parsed.data, file: file as File });
    return { ok: true, message: `${DOCUMENT_KIND_LABELS[parsed.data.kind]}을(를) 올렸습니다.`, intent } satisfies Result;
  } catch (error) {
    const failed = failureResponse(error, form);
    return badRequest({ ...failed.data, intent } as FormFailure, (failed.init as { status?: number } | null)?.status ?? 400);
  }
}

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(bytes / 1024))}KB`;
}

const STATUS_LABELS = { ok: "충족", missing: "미제출", expired: "유효기간 경과" } as const;

export default function DocumentsPage() {
  const { ticket, checklist, eligibility, documents, canEdit, canSubmit, applicationDate, accepted } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const navigation = useNavigation();
  const failure = result && !result.ok ? (result as FormFailure & { intent?: string }) : undefined;
  const uf = failure?.intent === "upload" ? failure : undefined;
  const basis = ticket.basis && isEligibilityBasis(ticket.basis) ? ticket.basis : null;
  // Kinds offered first: those the checklist asks for this company's basis.
  const wanted = new Set<DocumentKind>(checklist.items.flatMap((i) => i.kinds));
  if (basis) for (const k of SF_PROOF_KINDS[basis]) wanted.add(k);
  const kinds = [...DOCUMENT_KINDS].sort((a, b) => Number(wanted.has(b)) - Number(wanted.has(a)));
  const years = requiredFiscalYears(applicationDate);
  const busy = navigation.state === "submitting";

  return (
    <>
      <p className="muted">
        <Link to={`/tickets/${ticket.id}`}>← {ticket.number}</Link>
      </p>
      <h1>
        {ticket.number} 신청서류 <StateBadge state={ticket.state} />
      </h1>
      <p className="muted">
        {ticket.title} · 유효기간은 {ticket.state === "draft" ? "오늘" : "신청일"}({formatKoreanDate(applicationDate)}) 기준으로 확인합니다.
      </p>

      {result?.ok ? (
        <p className="toast-ok" role="status">
          {result.message}
        </p>
      ) : failure && !uf ? (
        <div className="form-error" role="alert">
          {failure.formError}
        </div>
      ) : null}

      <section className="card" aria-labelledby="ready-h" data-testid="submit-readiness">
        <h2 id="ready-h" style={{ marginTop: 0 }}>
          제출 전 확인
        </h2>
        {eligibility.eligible && checklist.complete ? (
          <p className="verdict-ok">신청자격과 제출 서류가 모두 갖추어졌습니다.</p>
        ) : (
          <>
            <p className="verdict-no">아래 사항이 해결되어야 제출할 수 있습니다.</p>
            <ul className="reason-list" data-testid="missing">
              {eligibility.reasons.map((r) => (
                <li key={`e-${r.code}`}>
                  {r.message} <Link to="/profile">기업 정보 수정</Link>
                  <div className="muted clause">{r.clause}</div>
                </li>
              ))}
              {checklist.problems.map((p) => (
                <li key={`d-${p.key}`}>
                  {p.no}. {p.label}: {p.message}
                  <div className="muted clause">{p.clause}</div>
                </li>
              ))}
            </ul>
          </>
        )}
        {ticket.state === "draft" && canSubmit ? (
          <Form method="post" action={`/tickets/${ticket.id}`} onSubmit={(e) => !window.confirm("신청서를 제출하면 운영기관의 요건검토가 시작됩니다. 제출하시겠습니까?") && e.preventDefault()}>
            <input type="hidden" name="intent" value="transition" />
            <input type="hidden" name="action" value="submit" />
            <input type="hidden" name="version" value={ticket.version} />
            <button type="submit">신청서 제출</button>
          </Form>
        ) : null}
      </section>

      <section className="card" aria-labelledby="checklist-h">
        <h2 id="checklist-h" style={{ marginTop: 0 }}>
          제출 서류 목록
        </h2>
        <div className="table-wrap">
          <table className="responsive" data-testid="checklist">
            <thead>
              <tr>
                <th>번호</th>
                <th>서류</th>
                <th>구분</th>
                <th>상태</th>
                <th>설명</th>
              </tr>
            </thead>
            <tbody>
              {checklist.items.map((item) => (
                <tr key={`${item.no}-${item.key}`} data-kind={item.key} data-status={item.status}>
                  <td data-label="번호">{item.no}</td>
                  <td data-label="서류">{item.label}</td>
                  <td data-label="구분">{item.required ? "필수" : "해당 시"}</td>
                  <td data-label="상태">
                    <span className={`status-${item.status}`}>{item.required || item.status === "ok" ? STATUS_LABELS[item.status] : "선택"}</span>
                  </td>
                  <td data-label="설명">
                    {item.message}
                    <div className="muted clause">{item.clause}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {canEdit ? (
        <section className="card" aria-labelledby="upload-h" id="upload">
          <h2 id="upload-h" style={{ marginTop: 0 }}>
            서류 올리기
          </h2>
          <p className="muted">
            {accepted.label} 파일, 20MB 이하. 파일 형식은 확장자가 아니라 내용으로 확인합니다. 재무제표는 {years.join(", ")}년(최근 3개년)을 올리세요.
          </p>
          <Form method="post" encType="multipart/form-data" key={`upload-${ticket.version}`} noValidate aria-label="서류 올리기">
            <input type="hidden" name="intent" value="upload" />
            <input type="hidden" name="version" value={ticket.version} />
            {uf?.formError ? (
              <div className="form-error" role="alert">
                {uf.formError}
              </div>
            ) : null}
            <div className="inline-fields">
              <div className="field">
                <label htmlFor="kind">서류 종류</label>
                <select id="kind" name="kind" defaultValue={uf?.values?.kind ?? ""}>
                  <option value="">선택하세요</option>
                  {kinds.map((k) => (
                    <option key={k} value={k}>
                      {DOCUMENT_KIND_LABELS[k]}
                      {wanted.has(k) ? "" : " (해당 없음)"}
                    </option>
                  ))}
                </select>
                {uf?.fieldErrors?.kind ? <p className="field-error">{uf.fieldErrors.kind}</p> : null}
              </div>
              <div className="field">
                <label htmlFor="issuedOn">발행일</label>
                <input id="issuedOn" name="issuedOn" type="date" defaultValue={uf?.values?.issuedOn ?? ""} />
                {uf?.fieldErrors?.issuedOn ? <p className="field-error">{uf.fieldErrors.issuedOn}</p> : null}
              </div>
              <div className="field">
                <label htmlFor="fiscalYear">회계연도(재무제표)</label>
                <input id="fiscalYear" name="fiscalYear" inputMode="numeric" placeholder={String(years[2])} defaultValue={uf?.values?.fiscalYear ?? ""} />
                {uf?.fieldErrors?.fiscalYear ? <p className="field-error">{uf.fieldErrors.fiscalYear}</p> : null}
              </div>
              <div className="field">
                <label htmlFor="file">파일</label>
                <input id="file" name="file" type="file" accept={accepted.extensions} />
                {uf?.fieldErrors?.file ? <p className="field-error">{uf.fieldErrors.file}</p> : null}
              </div>
            </div>
            <button type="submit" disabled={busy}>
              올리기
            </button>
          </Form>
        </section>
      ) : null}

      <section className="card" aria-labelledby="docs-h">
        <h2 id="docs-h" style={{ marginTop: 0 }}>
          올린 서류 ({documents.length}건)
        </h2>
        {documents.length === 0 ? (
          <p className="muted">아직 올린 서류가 없습니다.</p>
        ) : (
          <div className="table-wrap">
            <table className="responsive" data-testid="documents">
              <thead>
                <tr>
                  <th>서류</th>
                  <th>발행일</th>
                  <th>유효기간</th>
                  <th>파일</th>
                  {canEdit ? <th>삭제</th> : null}
                </tr>
              </thead>
              <tbody>
                {documents.map((d) => (
                  <tr key={d.id} data-document-kind={d.kind}>
                    <td data-label="서류">
                      {d.label}
                      {d.fiscalYear ? ` (${d.fiscalYear}년)` : ""}
                      {d.attachedAtApplication ? <span className="muted"> · 신청 시 첨부</span> : null}
                    </td>
                    <td data-label="발행일">{formatKoreanDateShort(d.issuedOn)}</td>
                    <td data-label="유효기간">
                      {d.validUntil ? (
                        <span className={d.validity === "valid" ? "status-ok" : "status-expired"}>
                          {formatKoreanDateShort(d.validUntil)}까지 {d.validity === "valid" ? "유효" : d.validity === "expired" ? "(만료)" : "(발행일 확인 필요)"}
                        </span>
                      ) : (
                        <span className="muted">해당 없음</span>
                      )}
                    </td>
                    <td data-label="파일">
                      <a href={`/files/${d.file.id}`} download>
                        {d.file.originalName}
                      </a>{" "}
                      <span className="muted">({sizeLabel(d.file.size)})</span>
                    </td>
                    {canEdit ? (
                      <td data-label="삭제">
                        <Form method="post" encType="multipart/form-data" onSubmit={(e) => !window.confirm(`${d.label}을(를) 삭제하시겠습니까?`) && e.preventDefault()}>
                          <input type="hidden" name="intent" value="delete" />
                          <input type="hidden" name="version" value={ticket.version} />
                          <input type="hidden" name="documentId" value={d.id} />
                          <button type="submit" className="secondary" aria-label={`${d.label} 삭제`}>
                            삭제
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
