// 기업 정보: the manufacturer's company profile with the live eligibility verdict. The form carries
// the organization's version it was opened on (a save after a change elsewhere gets the conflict
// message). The smart factory inventory has its own page (profile_.inventory.tsx).
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useMemo } from "react";
import { requireActor } from "~/auth/session.server";
import { BASIS_LABELS, ELIGIBILITY_BASES, seoulDate } from "~/domain";
import { getCompanyProfile, updateCompanyProfile } from "~/models/organization.server";
import { paramsOf } from "~/models/program.server";
import { currentProgram } from "~/models/ticket-draft.server";
import { readForm } from "~/utils/forms.server";
import { ProfileSchema, REGIONS } from "~/utils/profile-schema";
import type { StepReply } from "~/utils/step-reply";
import { formName, notFound, parseStepForm, stepFailure } from "~/utils/ticket-step.server";
import { redirectWithToast } from "~/utils/toast.server";
import { Field, FieldError, StepForm, useStepForm } from "~/components/step-form";
import { RegionSelect } from "~/components/organization-fields";
import { Verdict, applicantOf } from "~/components/profile-verdict";
import makerStyles from "~/styles/maker.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: makerStyles }];
export const meta: MetaFunction = () => [{ title: "기업 정보 · 스마트공장 AS 트래커" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const profile = await getCompanyProfile(actor);
  // Suppliers and monitors have no company profile here.
  if (!profile) notFound("페이지를 찾을 수 없습니다.");
  const today = seoulDate(new Date());
  const program = await currentProgram(today);
  return { profile, today, params: program ? paramsOf(program) : null, programName: program?.name ?? null };
}

/** A refused save (someone else changed the company meanwhile) shows their change: company changes are not live events. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  if (actor.role !== "manufacturer") notFound("페이지를 찾을 수 없습니다.");
  const form = await readForm(request);
  const submission = parseStepForm(form, ProfileSchema);
  const name = formName(form);
  if (submission.status !== "success") return data<StepReply>({ result: submission.reply(), form: name }, { status: 400 });
  const { version, ...input } = submission.value;
  try {
    await updateCompanyProfile(actor, version, input);
  } catch (error) {
    return stepFailure(submission, error, name);
  }
  return redirectWithToast("/profile", "기업 정보를 저장했습니다.");
}

function formatBrn(digits: string): string {
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}` : digits;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a checkbox of the form
function Check({ meta, label }: { meta: FieldMetadata<any, any, string[]>; label: string }) {
  return (
    <label className="check" htmlFor={meta.id}>
      <input {...getInputProps(meta, { type: "checkbox" })} /> {label}
    </label>
  );
}

const text = (v: string | number | null) => (v == null ? "" : String(v));
const check = (v: boolean) => (v ? "on" : undefined);

export default function ProfilePage() {
  const { profile, today, params, programName } = useLoaderData<typeof loader>();
  const defaultValue = {
    name: profile.name,
    businessNumber: formatBrn(profile.businessNumber),
    representative: text(profile.representative),
    address: text(profile.address),
    region: text(profile.region) as (typeof REGIONS)[number],
    phone: text(profile.phone),
    eligibilityBasis: text(profile.eligibilityBasis),
    diffusionCompletionYear: text(profile.diffusionCompletionYear),
    levelCertificateNumber: text(profile.levelCertificateNumber),
    localProgramYear: text(profile.localProgramYear),
    freeWarrantyEndsOn: text(profile.freeWarrantyEndsOn),
    paidMaintenanceContract: check(profile.paidMaintenanceContract),
    maintenanceNote: text(profile.maintenanceNote),
    promisingSmeCertified: check(profile.promisingSmeCertified),
    promisingSmeCertNumber: text(profile.promisingSmeCertNumber),
    closedOrSuspended: check(profile.closedOrSuspended),
    taxDelinquent: check(profile.taxDelinquent),
    sanctioned: check(profile.sanctioned),
    canSelfService: check(profile.canSelfService),
  };
  const {
    form,
    fields: f,
    props,
  } = useStepForm({
    id: "profile",
    schema: ProfileSchema,
    version: profile.version,
    reply: useActionData<typeof action>(),
    defaultValue,
  });
  const applicant = useMemo(() => applicantOf((form.value ?? {}) as Record<string, unknown>, profile), [form.value, profile]);
  // "as typed" once what the verdict reads differs from what was saved
  const dirty = JSON.stringify(applicant) !== JSON.stringify(applicantOf(defaultValue, profile));
  const basis = f.eligibilityBasis.value;
  return (
    <>
      <h1>기업 정보</h1>
      <p className="muted">
        신청자격은 {programName ?? "현재 사업"}의 기준으로 확인합니다. 저장할 때마다 다시 확인하며, 입력하는 동안에도 바로 반영됩니다. 스마트공장
        시스템과 HW는 <Link to="/profile/inventory">스마트공장 보유 현황</Link>에서 관리합니다. 내 계정의 비밀번호는{" "}
        <Link to="/profile/password">비밀번호 변경</Link>에서 바꾸고, 알림 메일은 <Link to="/profile/notifications">알림 설정</Link>에서
        고릅니다.
      </p>
      <div className="profile-layout">
        <div>
          <StepForm {...props} title="기업 정보">
            <h2 style={{ marginTop: 0 }}>기본 정보</h2>
            <div className="grid-2">
              <Field meta={f.name} label="기업명" />
              <Field meta={f.businessNumber} label="사업자등록번호" inputMode="numeric" placeholder="123-45-67890" />
              <Field meta={f.representative} label="대표자" />
              <Field meta={f.phone} label="전화번호" />
              <RegionSelect meta={f.region} />
              <Field meta={f.address} label="주소" />
            </div>

            <h2>신청자격</h2>
            <div className="field">
              <label htmlFor={f.eligibilityBasis.id}>신청자격 구분</label>
              <select {...getSelectProps(f.eligibilityBasis)}>
                <option value="">선택하세요</option>
                {ELIGIBILITY_BASES.map((b) => (
                  <option key={b} value={b}>
                    {BASIS_LABELS[b]}
                  </option>
                ))}
              </select>
              <FieldError meta={f.eligibilityBasis} />
            </div>
            <div className="grid-2">
              <div hidden={basis !== "diffusion"}>
                <Field meta={f.diffusionCompletionYear} label="보급확산 사업 완료 연도" inputMode="numeric" />
              </div>
              <div hidden={basis !== "self_built"}>
                <Field meta={f.levelCertificateNumber} label="스마트공장 수준확인서 번호" />
              </div>
              <div hidden={basis !== "local_program"}>
                <Field meta={f.localProgramYear} label="지자체 스마트공장(기초) 사업 완료 연도" inputMode="numeric" />
              </div>
            </div>

            <h2>하자보수·유지보수</h2>
            <div className="grid-2">
              <Field meta={f.freeWarrantyEndsOn} label="공급기업 무상 하자보수 종료일" type="date" />
              <Field meta={f.maintenanceNote} label="유지보수 계약 내용(메모)" />
            </div>
            <div className="check-row">
              <Check meta={f.paidMaintenanceContract} label="공급기업과 유상 유지보수(하자보수) 계약 중" />
            </div>

            <h2>경기도 유망중소기업</h2>
            <div className="check-row">
              <Check meta={f.promisingSmeCertified} label="경기도 유망중소기업 인증 보유" />
            </div>
            <Field meta={f.promisingSmeCertNumber} label="유망중소기업 인증번호" />

            <h2>지원제외 대상 확인</h2>
            <p className="muted">해당하는 항목에 체크하세요. 하나라도 해당하면 신청할 수 없습니다.</p>
            <div className="check-row" style={{ flexDirection: "column" }}>
              <Check meta={f.closedOrSuspended} label="휴업 또는 폐업 중" />
              <Check meta={f.taxDelinquent} label="국세 또는 지방세 체납 중" />
              <Check meta={f.sanctioned} label="스마트공장 사업 관련 제재(참여제한 등) 중" />
              <Check meta={f.canSelfService} label="공급기업 지원 없이 자체적으로 AS 가능" />
            </div>
            <div className="actions-bar">
              <button type="submit" disabled={props.pending}>
                기업 정보 저장
              </button>
            </div>
          </StepForm>
        </div>
        <Verdict applicant={applicant} today={today} params={params} dirty={dirty} />
      </div>
    </>
  );
}
