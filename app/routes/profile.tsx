import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import {
  SYSTEM_KINDS,
  SYSTEM_KIND_LABELS,
  addHardware,
  addSystem,
  getCompanyProfile,
  removeHardware,
  removeSystem,
  updateCompanyProfile,
  updateHardware,
  updateSystem,
} from "~/models/organization.server";
import { currentProgram } from "~/models/ticket-draft.server";
import { paramsOf } from "~/models/program.server";
import { badRequest, failureResponse, fields, parseForm, type FormFailure, readForm } from "~/utils/forms.server";
import {
  BASIS_LABELS,
  ELIGIBILITY_BASES,
  checkEligibility,
  formatKoreanDate,
  isEligibilityBasis,
  isIsoDate,
  isValidBusinessNumber,
  seoulDate,
  type ApplicantProfile,
  type ProgramParams,
} from "~/domain";
import makerStyles from "~/styles/maker.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: makerStyles }];
export const meta: MetaFunction = () => [{ title: "기업 정보 · 스마트공장 AS 트래커" }];

/** 시·도 (the address's first part; the program's region is one of them). */
const REGIONS = [
  "서울특별시",
  "부산광역시",
  "대구광역시",
  "인천광역시",
  "광주광역시",
  "대전광역시",
  "울산광역시",
  "세종특별자치시",
  "경기도",
  "강원특별자치도",
  "충청북도",
  "충청남도",
  "전북특별자치도",
  "전라남도",
  "경상북도",
  "경상남도",
  "제주특별자치도",
] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const profile = await getCompanyProfile(actor);
  // Suppliers and monitors have no company profile here.
  if (!profile) throw new Response("페이지를 찾을 수 없습니다.", { status: 404 });
  const today = seoulDate(new Date());
  const program = await currentProgram(today);
  const systemKinds = SYSTEM_KINDS.map((value) => ({ value, label: SYSTEM_KIND_LABELS[value] }));
  return { profile, today, params: program ? paramsOf(program) : null, programName: program?.name ?? null, systemKinds };
}

const year = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const n = Number(v);
      if (!/^\d{4}$/.test(v) || n < 1990 || n > 2100) {
        ctx.addIssue({ code: "custom", message: `${label}은(는) 네 자리 연도(예: 2023)로 입력해 주세요.` });
        return z.NEVER;
      }
      return n;
    });
const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!isIsoDate(v)) {
        ctx.addIssue({ code: "custom", message: `${label}은(는) 올바른 날짜(YYYY-MM-DD)여야 합니다.` });
        return z.NEVER;
      }
      return v;
    });

const ProfileSchema = z.object({
  intent: z.literal("profile"),
  version: fields.version,
  name: fields.text("기업명", 100),
  businessNumber: z
    .string()
    .trim()
    .min(1, "사업자등록번호를 입력해 주세요.")
    .refine(isValidBusinessNumber, "사업자등록번호가 올바르지 않습니다. 10자리 번호(예: 123-45-67890)를 확인해 주세요."),
  representative: fields.optionalText("대표자", 50),
  address: fields.text("주소", 300),
  region: z.enum(REGIONS, { error: "시·도를 선택해 주세요." }),
  phone: fields.optionalText("전화번호", 30),
  eligibilityBasis: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!isEligibilityBasis(v)) {
        ctx.addIssue({ code: "custom", message: "신청자격 구분을 다시 선택해 주세요." });
        return z.NEVER;
      }
      return v;
    }),
  diffusionCompletionYear: year("보급확산 사업 완료 연도"),
  levelCertificateNumber: fields.optionalText("수준확인서 번호", 50),
  localProgramYear: year("지자체 사업 완료 연도"),
  freeWarrantyEndsOn: optionalDate("무상 하자보수 종료일"),
  paidMaintenanceContract: fields.checkbox,
  maintenanceNote: fields.optionalText("유지보수 계약 내용", 500),
  promisingSmeCertified: fields.checkbox,
  promisingSmeCertNumber: fields.optionalText("유망중소기업 인증번호", 50),
  closedOrSuspended: fields.checkbox,
  taxDelinquent: fields.checkbox,
  sanctioned: fields.checkbox,
  canSelfService: fields.checkbox,
});

const SystemSchema = z.object({
  version: fields.version,
  systemId: z.string().trim().max(64).optional(),
  systemKind: z.enum(SYSTEM_KINDS, { error: "시스템 종류를 선택해 주세요." }),
  systemName: fields.text("시스템 이름", 100),
  vendorName: fields.optionalText("구축 공급기업", 100),
  buildYear: year("구축 연도"),
  systemNote: fields.optionalText("비고", 500),
});

const HardwareSchema = z.object({
  version: fields.version,
  systemId: z.string().trim().max(64).optional(),
  hardwareId: z.string().trim().max(64).optional(),
  hwName: fields.text("HW 이름", 100),
  hwModel: fields.optionalText("모델명", 100),
  hwSerial: fields.optionalText("시리얼 번호", 100),
});

const RemoveSchema = z.object({ version: fields.version, targetId: z.string().trim().min(1).max(64) });

type Result = ({ ok: true; message: string; version: number } | FormFailure) & { intent?: string; targetId?: string };

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  if (actor.role !== "manufacturer") throw new Response("페이지를 찾을 수 없습니다.", { status: 404 });
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const target = String(form.get("systemId") ?? form.get("hardwareId") ?? form.get("targetId") ?? "") || undefined;
  const fail = (failure: FormFailure, status = 400) => badRequest({ ...failure, intent, targetId: target } as FormFailure, status);
  try {
    switch (intent) {
      case "profile": {
        const parsed = parseForm(ProfileSchema, form);
        if (!parsed.success) return fail(parsed.failure);
        const { intent: _i, version, ...input } = parsed.data;
        const saved = await updateCompanyProfile(actor, version, input);
        return { ok: true, message: "기업 정보를 저장했습니다.", intent, version: saved.version } satisfies Result;
      }
      case "system.add":
      case "system.update": {
        const parsed = parseForm(SystemSchema, form);
        if (!parsed.success) return fail(parsed.failure);
        const d = parsed.data;
        const input = { kind: d.systemKind, name: d.systemName, vendorName: d.vendorName, buildYear: d.buildYear, note: d.systemNote };
        const saved = intent === "system.add" ? await addSystem(actor, d.version, input) : await updateSystem(actor, d.version, d.systemId ?? "", input);
        return { ok: true, message: intent === "system.add" ? "시스템을 등록했습니다." : "시스템을 수정했습니다.", intent, version: saved.version } satisfies Result;
      }
      case "system.remove": {
        const parsed = parseForm(RemoveSchema, form);
        if (!parsed.success) return fail(parsed.failure);
        const saved = await removeSystem(actor, parsed.data.version, parsed.data.targetId);
        return { ok: true, message: "시스템을 삭제했습니다.", intent, version: saved.version } satisfies Result;
      }
      case "hw.add":
      case "hw.update": {
        const parsed = parseForm(HardwareSchema, form);
        if (!parsed.success) return fail(parsed.failure);
        const d = parsed.data;
        const input = { name: d.hwName, model: d.hwModel, serialNumber: d.hwSerial };
        const saved = intent === "hw.add" ? await addHardware(actor, d.version, d.systemId ?? "", input) : await updateHardware(actor, d.version, d.hardwareId ?? "", input);
        return { ok: true, message: intent === "hw.add" ? "HW를 등록했습니다." : "HW를 수정했습니다.", intent, version: saved.version } satisfies Result;
      }
      case "hw.remove": {
        const parsed = parseForm(RemoveSchema, form);
        if (!parsed.success) return fail(parsed.failure);
        const saved = await removeHardware(actor, parsed.data.version, parsed.data.targetId);
        return { ok: true, message: "HW를 삭제했습니다.", intent, version: saved.version } satisfies Result;
      }
      default:
        return fail({ ok: false, formError: "알 수 없는 요청입니다. 새로고침해 주세요." });
    }
  } catch (error) {
    const failed = failureResponse(error, form);
    return badRequest({ ...failed.data, intent, targetId: target } as FormFailure, (failed.init as { status?: number } | null)?.status ?? 400);
  }
}

type ProfileData = ReturnType<typeof useLoaderData<typeof loader>>["profile"];

/** The applicant as the rules module reads it, from the fields on screen. */
function applicantOf(form: HTMLFormElement | null, saved: ProfileData): ApplicantProfile {
  if (!form) {
    return {
      ...saved,
      eligibilityBasis: saved.eligibilityBasis && isEligibilityBasis(saved.eligibilityBasis) ? saved.eligibilityBasis : null,
    };
  }
  const d = new FormData(form);
  const s = (k: string) => String(d.get(k) ?? "").trim();
  const yearOf = (k: string) => (/^\d{4}$/.test(s(k)) ? Number(s(k)) : null);
  const basis = s("eligibilityBasis");
  const eligibilityBasis = isEligibilityBasis(basis) ? basis : null;
  return {
    id: saved.id,
    businessNumber: s("businessNumber"),
    region: s("region"),
    eligibilityBasis,
    diffusionCompletionYear: eligibilityBasis === "diffusion" ? yearOf("diffusionCompletionYear") : null,
    levelCertificateNumber: eligibilityBasis === "self_built" ? s("levelCertificateNumber") || null : null,
    localProgramYear: eligibilityBasis === "local_program" ? yearOf("localProgramYear") : null,
    paidMaintenanceContract: d.get("paidMaintenanceContract") === "on",
    freeWarrantyEndsOn: isIsoDate(s("freeWarrantyEndsOn")) ? s("freeWarrantyEndsOn") : null,
    closedOrSuspended: d.get("closedOrSuspended") === "on",
    taxDelinquent: d.get("taxDelinquent") === "on",
    sanctioned: d.get("sanctioned") === "on",
    canSelfService: d.get("canSelfService") === "on",
  };
}

function Verdict({ applicant, today, params, dirty }: { applicant: ApplicantProfile; today: string; params: ProgramParams; dirty: boolean }) {
  // The supplier is chosen per ticket; here only the company's own conditions are checked.
  const result = useMemo(() => checkEligibility(applicant, { id: "", businessNumber: "" }, today, params), [applicant, today, params]);
  return (
    <section className="card sticky" aria-labelledby="verdict-h" data-testid="eligibility" data-eligible={result.eligible}>
      <h2 id="verdict-h" style={{ marginTop: 0 }}>
        신청자격 확인
      </h2>
      <p className="muted">{dirty ? "입력 중인 내용 기준 (저장 전)" : `저장된 정보 기준 · ${formatKoreanDate(today)}`}</p>
      {result.eligible ? (
        <p className="verdict-ok" role="status">
          신청 가능: 신청자격 요건을 모두 충족합니다.
        </p>
      ) : (
        <>
          <p className="verdict-no" role="status">
            신청 불가: 아래 {result.reasons.length}가지 사유를 해결해야 합니다.
          </p>
          <ul className="reason-list">
            {result.reasons.map((r) => (
              <li key={r.code}>
                {r.message}
                <div className="muted clause">{r.clause}</div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Err({ failure, name }: { failure: FormFailure | undefined; name: string }) {
  const message = failure?.fieldErrors?.[name];
  return message ? <p className="field-error">{message}</p> : null;
}

function Check({ name, label, defaultChecked }: { name: string; label: string; defaultChecked: boolean }) {
  return (
    <label className="check" htmlFor={name}>
      <input type="checkbox" id={name} name={name} defaultChecked={defaultChecked} /> {label}
    </label>
  );
}

export default function ProfilePage() {
  const { profile, today, params, programName, systemKinds } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const failure = result && !result.ok ? (result as FormFailure & { intent?: string; targetId?: string }) : undefined;
  const forIntent = (intent: string, targetId?: string) =>
    failure && failure.intent === intent && (targetId === undefined || failure.targetId === targetId) ? failure : undefined;
  const pf = forIntent("profile");
  const v = (key: keyof ProfileData & string, saved: unknown) => pf?.values?.[key] ?? (saved == null ? "" : String(saved));
  const checked = (key: keyof ProfileData & string) => (pf?.values ? pf.values[key] === "on" : Boolean(profile[key]));
  const [formEl, setFormEl] = useState<HTMLFormElement | null>(null);
  const [applicant, setApplicant] = useState<ApplicantProfile>(() => applicantOf(null, profile));
  const [dirty, setDirty] = useState(false);
  const [basis, setBasis] = useState(v("eligibilityBasis", profile.eligibilityBasis));
  // The version every form sends is the one the user started from; it moves on only after one
  // of this page's own saves (live updates elsewhere must not turn a stale save into an overwrite).
  const [version, setVersion] = useState(profile.version);
  useEffect(() => {
    if (!result?.ok) return;
    setVersion(result.version);
    setApplicant(applicantOf(null, profile));
    setDirty(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result]);
  const refresh = () => {
    if (!formEl) return;
    setApplicant(applicantOf(formEl, profile));
    setBasis(String(new FormData(formEl).get("eligibilityBasis") ?? ""));
    setDirty(true);
  };

  return (
    <>
      <h1>기업 정보</h1>
      <p className="muted">신청자격은 {programName ?? "현재 사업"}의 기준으로 확인합니다. 저장할 때마다 다시 확인하며, 입력하는 동안에도 바로 반영됩니다.</p>
      {result?.ok ? (
        <p className="toast-ok" role="status">
          {result.message}
        </p>
      ) : failure && failure.intent !== "profile" ? (
        <div className="form-error" role="alert">
          {failure.formError}
          {failure.fieldErrors ? (
            <ul>
              {Object.values(failure.fieldErrors).map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div className="profile-layout">
        <div>
          <Form
            method="post"
            ref={setFormEl}
            onChange={refresh}
            noValidate
            aria-label="기업 정보"
            className="card"
          >
            <input type="hidden" name="intent" value="profile" />
            <input type="hidden" name="version" value={version} />
            {version !== profile.version ? (
              <p className="form-error" data-testid="changed-elsewhere">
                기업 정보가 다른 화면에서 변경되었습니다. 저장하기 전에 <a href="/profile">새로고침</a>해 최신 내용을 확인하세요.
              </p>
            ) : null}
            {pf?.formError ? (
              <div className="form-error" role="alert">
                {pf.formError}
              </div>
            ) : null}
            <h2 style={{ marginTop: 0 }}>기본 정보</h2>
            <div className="grid-2">
              <div className="field">
                <label htmlFor="name">기업명</label>
                <input id="name" name="name" defaultValue={v("name", profile.name)} />
                <Err failure={pf} name="name" />
              </div>
              <div className="field">
                <label htmlFor="businessNumber">사업자등록번호</label>
                <input id="businessNumber" name="businessNumber" inputMode="numeric" placeholder="123-45-67890" defaultValue={v("businessNumber", formatBrn(profile.businessNumber))} />
                <Err failure={pf} name="businessNumber" />
              </div>
              <div className="field">
                <label htmlFor="representative">대표자</label>
                <input id="representative" name="representative" defaultValue={v("representative", profile.representative)} />
              </div>
              <div className="field">
                <label htmlFor="phone">전화번호</label>
                <input id="phone" name="phone" defaultValue={v("phone", profile.phone)} />
              </div>
              <div className="field">
                <label htmlFor="region">소재지 시·도</label>
                <select id="region" name="region" defaultValue={v("region", profile.region)}>
                  <option value="">선택하세요</option>
                  {REGIONS.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
                <Err failure={pf} name="region" />
              </div>
              <div className="field">
                <label htmlFor="address">주소</label>
                <input id="address" name="address" defaultValue={v("address", profile.address)} />
                <Err failure={pf} name="address" />
              </div>
            </div>

            <h2>신청자격</h2>
            <div className="field">
              <label htmlFor="eligibilityBasis">신청자격 구분</label>
              <select id="eligibilityBasis" name="eligibilityBasis" defaultValue={v("eligibilityBasis", profile.eligibilityBasis)}>
                <option value="">선택하세요</option>
                {ELIGIBILITY_BASES.map((b) => (
                  <option key={b} value={b}>
                    {BASIS_LABELS[b]}
                  </option>
                ))}
              </select>
              <Err failure={pf} name="eligibilityBasis" />
            </div>
            <div className="grid-2">
              <div className="field" hidden={basis !== "diffusion"}>
                <label htmlFor="diffusionCompletionYear">보급확산 사업 완료 연도</label>
                <input id="diffusionCompletionYear" name="diffusionCompletionYear" inputMode="numeric" defaultValue={v("diffusionCompletionYear", profile.diffusionCompletionYear)} />
                <Err failure={pf} name="diffusionCompletionYear" />
              </div>
              <div className="field" hidden={basis !== "self_built"}>
                <label htmlFor="levelCertificateNumber">스마트공장 수준확인서 번호</label>
                <input id="levelCertificateNumber" name="levelCertificateNumber" defaultValue={v("levelCertificateNumber", profile.levelCertificateNumber)} />
              </div>
              <div className="field" hidden={basis !== "local_program"}>
                <label htmlFor="localProgramYear">지자체 스마트공장(기초) 사업 완료 연도</label>
                <input id="localProgramYear" name="localProgramYear" inputMode="numeric" defaultValue={v("localProgramYear", profile.localProgramYear)} />
                <Err failure={pf} name="localProgramYear" />
              </div>
            </div>

            <h2>하자보수·유지보수</h2>
            <div className="grid-2">
              <div className="field">
                <label htmlFor="freeWarrantyEndsOn">공급기업 무상 하자보수 종료일</label>
                <input id="freeWarrantyEndsOn" name="freeWarrantyEndsOn" type="date" defaultValue={v("freeWarrantyEndsOn", profile.freeWarrantyEndsOn)} />
                <Err failure={pf} name="freeWarrantyEndsOn" />
              </div>
              <div className="field">
                <label htmlFor="maintenanceNote">유지보수 계약 내용(메모)</label>
                <input id="maintenanceNote" name="maintenanceNote" defaultValue={v("maintenanceNote", profile.maintenanceNote)} />
              </div>
            </div>
            <div className="check-row">
              <Check name="paidMaintenanceContract" label="공급기업과 유상 유지보수(하자보수) 계약 중" defaultChecked={checked("paidMaintenanceContract")} />
            </div>

            <h2>경기도 유망중소기업</h2>
            <div className="check-row">
              <Check name="promisingSmeCertified" label="경기도 유망중소기업 인증 보유" defaultChecked={checked("promisingSmeCertified")} />
            </div>
            <div className="field">
              <label htmlFor="promisingSmeCertNumber">유망중소기업 인증번호</label>
              <input id="promisingSmeCertNumber" name="promisingSmeCertNumber" defaultValue={v("promisingSmeCertNumber", profile.promisingSmeCertNumber)} />
            </div>

            <h2>지원제외 대상 확인</h2>
            <p className="muted">해당하는 항목에 체크하세요. 하나라도 해당하면 신청할 수 없습니다.</p>
            <div className="check-row" style={{ flexDirection: "column" }}>
              <Check name="closedOrSuspended" label="휴업 또는 폐업 중" defaultChecked={checked("closedOrSuspended")} />
              <Check name="taxDelinquent" label="국세 또는 지방세 체납 중" defaultChecked={checked("taxDelinquent")} />
              <Check name="sanctioned" label="스마트공장 사업 관련 제재(참여제한 등) 중" defaultChecked={checked("sanctioned")} />
              <Check name="canSelfService" label="공급기업 지원 없이 자체적으로 AS 가능" defaultChecked={checked("canSelfService")} />
            </div>
            <div className="actions-bar">
              <button type="submit">기업 정보 저장</button>
            </div>
          </Form>

          <Inventory profile={profile} version={version} forIntent={forIntent} kinds={systemKinds} />
        </div>
        {params ? (
          <Verdict applicant={applicant} today={today} params={params} dirty={dirty} />
        ) : (
          <section className="card">
            <p className="muted">접수 중인 사업이 없어 신청자격을 확인할 수 없습니다.</p>
          </section>
        )}
      </div>
    </>
  );
}

function formatBrn(digits: string): string {
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}` : digits;
}

type ForIntent = (intent: string, targetId?: string) => (FormFailure & { intent?: string }) | undefined;

function SystemFields({ prefix, failure, saved, kinds }: { prefix: string; failure?: FormFailure; saved?: ProfileData["systems"][number]; kinds: Kinds }) {
  const v = (key: string, value: unknown) => failure?.values?.[key] ?? (value == null ? "" : String(value));
  return (
    <div className="inline-fields">
      <div className="field">
        <label htmlFor={`${prefix}-kind`}>시스템 종류</label>
        <select id={`${prefix}-kind`} name="systemKind" defaultValue={v("systemKind", saved?.kind ?? "MES")}>
          {kinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-name`}>시스템 이름</label>
        <input id={`${prefix}-name`} name="systemName" defaultValue={v("systemName", saved?.name)} />
        <Err failure={failure} name="systemName" />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-vendor`}>구축 공급기업</label>
        <input id={`${prefix}-vendor`} name="vendorName" defaultValue={v("vendorName", saved?.vendorName)} />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-year`}>구축 연도</label>
        <input id={`${prefix}-year`} name="buildYear" inputMode="numeric" defaultValue={v("buildYear", saved?.buildYear)} />
        <Err failure={failure} name="buildYear" />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-note`}>비고</label>
        <input id={`${prefix}-note`} name="systemNote" defaultValue={v("systemNote", saved?.note)} />
      </div>
    </div>
  );
}

function HardwareFields({ prefix, failure, saved }: { prefix: string; failure?: FormFailure; saved?: { name: string; model: string | null; serialNumber: string | null } }) {
  const v = (key: string, value: unknown) => failure?.values?.[key] ?? (value == null ? "" : String(value));
  return (
    <div className="inline-fields">
      <div className="field">
        <label htmlFor={`${prefix}-name`}>HW 이름</label>
        <input id={`${prefix}-name`} name="hwName" defaultValue={v("hwName", saved?.name)} />
        <Err failure={failure} name="hwName" />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-model`}>모델명</label>
        <input id={`${prefix}-model`} name="hwModel" defaultValue={v("hwModel", saved?.model)} />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-serial`}>시리얼 번호</label>
        <input id={`${prefix}-serial`} name="hwSerial" defaultValue={v("hwSerial", saved?.serialNumber)} />
      </div>
    </div>
  );
}

type Kinds = { value: string; label: string }[];

function Inventory({ profile, version, forIntent, kinds }: { profile: ProfileData; version: number; forIntent: ForIntent; kinds: Kinds }) {
  return (
    <section className="card" aria-labelledby="inventory-h">
      <h2 id="inventory-h" style={{ marginTop: 0 }}>
        스마트공장 보유 현황
      </h2>
      {profile.systems.length === 0 ? <p className="muted">등록된 시스템이 없습니다.</p> : null}
      {profile.systems.map((system) => (
        <div key={system.id} className="card" data-testid="system" data-system-name={system.name}>
          <strong>
            {kinds.find((k) => k.value === system.kind)?.label ?? system.kind} · {system.name}
          </strong>
          <span className="muted">
            {system.vendorName ? ` · ${system.vendorName}` : ""}
            {system.buildYear ? ` · ${system.buildYear}년 구축` : ""}
          </span>
          {system.hardware.length ? (
            <ul className="hw-list">
              {system.hardware.map((hw) => (
                <li key={hw.id}>
                  {hw.name}
                  {hw.model ? ` (${hw.model})` : ""}
                  {hw.serialNumber ? ` · S/N ${hw.serialNumber}` : ""}{" "}
                  <details>
                    <summary>수정·삭제</summary>
                    <Form method="post" key={`hw-${hw.id}-${version}`} aria-label={`${hw.name} 수정`}>
                      <input type="hidden" name="intent" value="hw.update" />
                      <input type="hidden" name="version" value={version} />
                      <input type="hidden" name="hardwareId" value={hw.id} />
                      <HardwareFields prefix={`hw-${hw.id}`} failure={forIntent("hw.update", hw.id)} saved={hw} />
                      <button type="submit" className="secondary">
                        HW 수정
                      </button>
                    </Form>
                    <Form method="post" className="inline-form" onSubmit={(e) => !window.confirm(`${hw.name}을(를) 삭제하시겠습니까?`) && e.preventDefault()}>
                      <input type="hidden" name="intent" value="hw.remove" />
                      <input type="hidden" name="version" value={version} />
                      <input type="hidden" name="targetId" value={hw.id} />
                      <button type="submit" className="secondary">
                        HW 삭제
                      </button>
                    </Form>
                  </details>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">연동 HW 없음</p>
          )}
          <details>
            <summary>연동 HW 추가</summary>
            <Form method="post" key={`hw-add-${system.id}-${version}`} aria-label={`${system.name} HW 추가`}>
              <input type="hidden" name="intent" value="hw.add" />
              <input type="hidden" name="version" value={version} />
              <input type="hidden" name="systemId" value={system.id} />
              <HardwareFields prefix={`hw-add-${system.id}`} failure={forIntent("hw.add", system.id)} />
              <button type="submit" className="secondary">
                HW 추가
              </button>
            </Form>
          </details>
          <details>
            <summary>시스템 수정·삭제</summary>
            <Form method="post" key={`sys-${system.id}-${version}`} aria-label={`${system.name} 수정`}>
              <input type="hidden" name="intent" value="system.update" />
              <input type="hidden" name="version" value={version} />
              <input type="hidden" name="systemId" value={system.id} />
              <SystemFields prefix={`sys-${system.id}`} failure={forIntent("system.update", system.id)} saved={system} kinds={kinds} />
              <button type="submit" className="secondary">
                시스템 수정
              </button>
            </Form>
            <Form method="post" className="inline-form" onSubmit={(e) => !window.confirm(`${system.name}을(를) 삭제하시겠습니까?`) && e.preventDefault()}>
              <input type="hidden" name="intent" value="system.remove" />
              <input type="hidden" name="version" value={version} />
              <input type="hidden" name="targetId" value={system.id} />
              <button type="submit" className="secondary">
                시스템 삭제
              </button>
            </Form>
          </details>
        </div>
      ))}
      <h3>시스템 추가</h3>
      <Form method="post" id="add-system" key={`sys-add-${version}`} aria-label="시스템 추가">
        <input type="hidden" name="intent" value="system.add" />
        <input type="hidden" name="version" value={version} />
        <SystemFields prefix="sys-add" failure={forIntent("system.add")} kinds={kinds} />
        <button type="submit">시스템 추가</button>
      </Form>
    </section>
  );
}
