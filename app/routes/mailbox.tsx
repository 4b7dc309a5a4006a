// The demo mailbox: while SMTP_URL is unset no mail leaves the outbox, so a person trying the demo reads
// the mail sent to an address here (a confirmation or reset link). It lists nothing until asked for one
// address, and only the last days' mail to it; with SMTP_URL set the page does not exist (404).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { mailDelivers } from "~/mail/config.server";
import { DEMO_MAILBOX_DAYS, demoMailbox, type TextPart } from "~/mail/mailbox.server";
import { readForm } from "~/utils/forms.server";
import { notFound } from "~/utils/ticket-step.server";

export const meta: MetaFunction = () => [{ title: "데모 메일함 · 스마트공장 AS 트래커" }, { name: "robots", content: "noindex" }];

const NOT_HERE = "메일이 실제로 발송되는 서버에는 데모 메일함이 없습니다.";

const AddressSchema = z.object({
  address: z
    .string()
    .trim()
    .min(1, "이메일 주소를 입력해 주세요.")
    .max(254, "이메일 주소가 너무 깁니다.")
    .email("이메일 형식이 올바르지 않습니다."),
});

export async function loader(_: LoaderFunctionArgs) {
  if (mailDelivers()) notFound(NOT_HERE);
  return { days: DEMO_MAILBOX_DAYS };
}

type Mail = { id: string; subject: string; time: string; parts: TextPart[] };
type ActionData = { address: string; error?: string; mails?: Mail[] };

export async function action({ request }: ActionFunctionArgs) {
  if (mailDelivers()) notFound(NOT_HERE);
  const form = await readForm(request);
  const address = String(form.get("address") ?? "").slice(0, 300);
  const parsed = AddressSchema.safeParse({ address });
  if (!parsed.success) return data<ActionData>({ address, error: parsed.error.issues[0].message }, { status: 400 });
  return data<ActionData>({ address: parsed.data.address, mails: await demoMailbox(parsed.data.address) });
}

function MailText({ parts }: { parts: TextPart[] }) {
  return (
    <pre className="mail-text" style={{ whiteSpace: "pre-wrap", fontFamily: "inherit", margin: 0 }}>
      {parts.map((part, i) =>
        part.href ? (
          <Link key={i} to={part.href} reloadDocument>
            {part.text}
          </Link>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </pre>
  );
}

export default function Mailbox() {
  const { days } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>데모 메일함</h1>
      <div className="card">
        <p>
          이 서버는 메일을 실제로 보내지 않습니다(<code>SMTP_URL</code> 미설정). 가입 확인·비밀번호 재설정·초대 메일은 여기에서 확인하세요.
          주소를 입력하면 최근 {days}일 동안 그 주소로 보낸 메일이 보입니다.
        </p>
        <p className="muted">체험용 화면입니다. 실제 운영에서는 SMTP_URL을 설정해 메일을 발송하세요.</p>
        <Form method="post" noValidate>
          <div className="field">
            <label htmlFor="address">받는 사람 이메일</label>
            <input
              id="address"
              name="address"
              type="email"
              autoComplete="email"
              defaultValue={result?.address ?? ""}
              aria-invalid={result?.error ? true : undefined}
              aria-describedby={result?.error ? "address-error" : undefined}
              required
            />
            {result?.error ? (
              <p className="field-error" id="address-error">
                {result.error}
              </p>
            ) : null}
          </div>
          <button type="submit" disabled={busy}>
            {busy ? "찾는 중…" : "메일 보기"}
          </button>
        </Form>
      </div>
      {result?.mails ? (
        <section aria-label="받은 메일" data-testid="mailbox">
          <h2>
            {result.address} 받은 메일 {result.mails.length}통
          </h2>
          {result.mails.length === 0 ? (
            <p className="card muted">최근 {days}일 동안 이 주소로 보낸 메일이 없습니다.</p>
          ) : (
            result.mails.map((mail) => (
              <article key={mail.id} className="card" data-testid="mail">
                <h3 style={{ marginTop: 0 }}>{mail.subject}</h3>
                <p className="muted">{mail.time}</p>
                <MailText parts={mail.parts} />
              </article>
            ))
          )}
        </section>
      ) : null}
    </>
  );
}
