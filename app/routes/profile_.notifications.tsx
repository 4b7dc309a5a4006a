// 알림 설정: how each kind of notification reaches the signed-in person — at once by mail, in the daily
// digest (09:00 Asia/Seoul) or in the app only. Only the person's own settings: the user is the session's,
// never a form field. Every notification mail links here (app/mail/templates/notification.server.ts).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getInputProps } from "@conform-to/react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { MAIL_MODES, MAIL_MODE_LABELS, NOTIFICATION_KINDS, NOTIFICATION_KIND_HINTS, NOTIFICATION_KIND_LABELS } from "~/domain/notifications";
import { notificationSettings, saveNotificationModes } from "~/models/notification.server";
import { readForm } from "~/utils/forms.server";
import type { StepReply } from "~/utils/step-reply";
import { formName, parseStepForm } from "~/utils/ticket-step.server";
import { redirectWithToast } from "~/utils/toast.server";
import { FieldError, StepForm, useStepForm } from "~/components/step-form";
import { josa } from "~/domain";

export const meta: MetaFunction = () => [{ title: "알림 설정 · 스마트공장 AS 트래커" }];

const modeField = z.enum(MAIL_MODES, { error: "받는 방법을 고르세요." });
// a kind missing from the post keeps its mode: a page opened before the kind existed (기한 알림) still saves
const PreferencesSchema = z.object({ my_turn: modeField, status: modeField, activity: modeField, deadline: modeField.optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return notificationSettings(actor);
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const form = await readForm(request);
  const submission = parseStepForm(form, PreferencesSchema);
  if (submission.status !== "success") return data<StepReply>({ result: submission.reply(), form: formName(form) }, { status: 400 });
  await saveNotificationModes(actor, submission.value);
  return redirectWithToast("/profile/notifications", "알림 설정을 저장했습니다.");
}

export default function NotificationPreferences() {
  const { modes, email } = useLoaderData<typeof loader>();
  const { fields, props } = useStepForm({
    id: "notification-preferences",
    schema: PreferencesSchema,
    reply: useActionData<typeof action>(),
    defaultValue: modes,
  });
  return (
    <>
      <h1>알림 설정</h1>
      <p className="muted">
        알림은 언제나 <Link to="/notifications">알림</Link>에 쌓입니다. 종류마다 메일로도 받을지 고르세요. 메일은 {josa(email, "으로", "로")}{" "}
        보내며, 하루 한 번 요약은 매일 오전 9시(한국 시간)에 그동안의 알림을 모아 한 통으로 보냅니다.
      </p>
      <StepForm {...props} title="알림 설정">
        {NOTIFICATION_KINDS.map((kind) => {
          const meta = fields[kind];
          return (
            <fieldset key={kind} className="notification-kind" data-kind={kind}>
              <legend>{NOTIFICATION_KIND_LABELS[kind]}</legend>
              <p className="muted" style={{ margin: "0 0 0.4rem" }}>
                {NOTIFICATION_KIND_HINTS[kind]}
              </p>
              <div className="check-row">
                {MAIL_MODES.map((mode) => (
                  <label key={mode} className="check">
                    <input {...getInputProps(meta, { type: "radio", value: mode })} id={`${meta.id}-${mode}`} /> {MAIL_MODE_LABELS[mode]}
                  </label>
                ))}
              </div>
              <FieldError meta={meta} />
            </fieldset>
          );
        })}
        <div className="actions-bar">
          <button type="submit" disabled={props.pending}>
            알림 설정 저장
          </button>
        </div>
      </StepForm>
    </>
  );
}
