// 스마트공장 보유 현황: the manufacturer's smart factory systems and their hardware (the draft form
// offers them as 대상 시스템). Every form carries the organization's version it was opened on;
// the person's own save of one re-pins the others (components/step-form.tsx) and re-opens the saved one.
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import type { z } from "zod";
import { requireActor } from "~/auth/session.server";
import {
  addHardware,
  addSystem,
  getCompanyProfile,
  removeHardware,
  removeSystem,
  updateHardware,
  updateSystem,
} from "~/models/organization.server";
import { readForm } from "~/utils/forms.server";
import { UNKNOWN_INTENT } from "~/utils/fields";
import { HardwareSchema, RemoveSchema, SYSTEM_KIND_LABELS, SystemSchema, type SystemKind } from "~/utils/profile-schema";
import type { StepReply } from "~/utils/step-reply";
import { formName, notFound, parseStepForm, stepFailure } from "~/utils/ticket-step.server";
import { redirectWithToast } from "~/utils/toast.server";
import { HardwareForm, RemoveForm, SystemForm } from "~/components/profile-inventory";
import makerStyles from "~/styles/maker.css?url";
import { josa } from "~/domain";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: makerStyles }];
export const meta: MetaFunction = () => [{ title: "스마트공장 보유 현황 · 스마트공장 AS 트래커" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const profile = await getCompanyProfile(actor);
  // Suppliers and monitors have no company inventory here.
  if (!profile) notFound("페이지를 찾을 수 없습니다.");
  return { version: profile.version, systems: profile.systems };
}

/** A refused save (someone else changed the company meanwhile) shows their change: company changes are not live events. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

/** "add-system", or what the form does and to which row: "edit-hw-<id>". */
const FORM_NAME = /^(add-system)$|^(edit-system|remove-system|add-hw|edit-hw|remove-hw)-([A-Za-z0-9_]{1,40})$/;

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  if (actor.role !== "manufacturer") notFound("페이지를 찾을 수 없습니다.");
  const form = await readForm(request);
  const name = formName(form) ?? "";
  const match = FORM_NAME.exec(name);
  // a form this page does not have: a bad request, answered in Korean (not a missing page)
  if (!match) return data<StepReply>({ result: { status: "error", error: { "": [UNKNOWN_INTENT.error] } }, form: name }, { status: 400 });
  const intent = match[1] ?? match[2];
  const target = match[3] ?? "";

  async function step<S extends z.ZodType>(schema: S, run: (value: z.output<S>) => Promise<unknown>, message: string) {
    const submission = parseStepForm(form, schema);
    if (submission.status !== "success") return data<StepReply>({ result: submission.reply(), form: name }, { status: 400 });
    try {
      await run(submission.value);
    } catch (error) {
      return stepFailure(submission, error, name);
    }
    return redirectWithToast("/profile/inventory", message);
  }

  switch (intent) {
    case "add-system":
      return step(SystemSchema, ({ version, ...input }) => addSystem(actor, version, input), "시스템을 등록했습니다.");
    case "edit-system":
      return step(SystemSchema, ({ version, ...input }) => updateSystem(actor, version, target, input), "시스템을 수정했습니다.");
    case "remove-system":
      return step(RemoveSchema, ({ version }) => removeSystem(actor, version, target), "시스템을 삭제했습니다.");
    case "add-hw":
      return step(HardwareSchema, ({ version, ...input }) => addHardware(actor, version, target, input), "HW를 등록했습니다.");
    case "edit-hw":
      return step(HardwareSchema, ({ version, ...input }) => updateHardware(actor, version, target, input), "HW를 수정했습니다.");
    default:
      return step(RemoveSchema, ({ version }) => removeHardware(actor, version, target), "HW를 삭제했습니다.");
  }
}

export default function InventoryPage() {
  const { version, systems } = useLoaderData<typeof loader>();
  const kindLabel = (kind: string) => SYSTEM_KIND_LABELS[kind as SystemKind] ?? kind;
  return (
    <>
      <p className="muted">
        <Link to="/profile">← 기업 정보</Link>
      </p>
      <h1>스마트공장 보유 현황</h1>
      <section className="card" aria-labelledby="inventory-h">
        <h2 id="inventory-h" style={{ marginTop: 0 }}>
          등록된 시스템 ({systems.length}개)
        </h2>
        {systems.length === 0 ? <p className="muted">등록된 시스템이 없습니다.</p> : null}
        {systems.map((system) => (
          <div key={system.id} className="card" data-testid="system" data-system-name={system.name}>
            <strong>
              {kindLabel(system.kind)} · {system.name}
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
                      <HardwareForm name={`edit-hw-${hw.id}`} version={version} title={`${hw.name} 수정`} submitLabel="HW 수정" saved={hw} />
                      <RemoveForm
                        name={`remove-hw-${hw.id}`}
                        version={version}
                        title={`${hw.name} 삭제`}
                        submitLabel="HW 삭제"
                        confirm={`${josa(hw.name, "을", "를")} 삭제하시겠습니까?`}
                      />
                    </details>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">연동 HW 없음</p>
            )}
            <details>
              <summary>연동 HW 추가</summary>
              <HardwareForm name={`add-hw-${system.id}`} version={version} title={`${system.name} HW 추가`} submitLabel="HW 추가" />
            </details>
            <details>
              <summary>시스템 수정·삭제</summary>
              <SystemForm
                name={`edit-system-${system.id}`}
                version={version}
                title={`${system.name} 수정`}
                submitLabel="시스템 수정"
                saved={system}
              />
              <RemoveForm
                name={`remove-system-${system.id}`}
                version={version}
                title={`${system.name} 삭제`}
                submitLabel="시스템 삭제"
                confirm={`${josa(system.name, "을", "를")} 삭제하시겠습니까?`}
              />
            </details>
          </div>
        ))}
        <h3>시스템 추가</h3>
        <SystemForm name="add-system" version={version} title="시스템 추가" submitLabel="시스템 추가" />
      </section>
    </>
  );
}
