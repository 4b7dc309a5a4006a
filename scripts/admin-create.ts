// `npm run admin:create -- --email a@tp.kr --name 홍길동 --org "경기테크노파크" --business-number 220-81-62517 --region 경기도`
// The first Technopark admin of a real deployment (DEMO_MODE=off seeds nobody): creates the Technopark if
// missing and mails an invitation through the outbox (the running server sends it); without SMTP_URL the
// link is printed here, to be handed over another way. Core: app/models/technopark-bootstrap.server.ts.
import { parseArgs } from "node:util";
import { closeDatabase, databaseReady } from "~/db.server";
import { mailDelivers } from "~/mail/config.server";
import { seoulTime } from "~/mail/mailbox.server";
import { bootstrapTechnoparkAdmin, BootstrapRefused } from "~/models/technopark-bootstrap.server";

const USAGE = 'npm run admin:create -- --email <주소> --name <이름> --org "<기관 이름>" --business-number <사업자등록번호> --region <시·도>';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      name: { type: "string" },
      org: { type: "string" },
      "business-number": { type: "string" },
      region: { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  await databaseReady();
  const result = await bootstrapTechnoparkAdmin({ ...values, businessNumber: values["business-number"] });
  console.log(
    result.organizationCreated ? `운영기관을 만들었습니다 (${result.organizationId}).` : `운영기관이 이미 있습니다 (${result.organizationId}).`,
  );
  if (mailDelivers()) {
    console.log(`초대 메일을 보낼 메일함(outbox)에 넣었습니다. 실행 중인 서버가 ${values.email}(으)로 보냅니다.`);
  } else {
    console.warn("SMTP_URL이 설정되지 않아 메일은 나가지 않습니다. 이 링크를 본인에게 직접 전달하세요:");
    console.log(result.link);
  }
  console.log(`링크는 ${seoulTime(result.expiresAt)}(한국 시간)까지 한 번만 쓸 수 있습니다.`);
  return 0;
}

main()
  .catch((error: unknown) => {
    if (error instanceof BootstrapRefused) console.error(error.message);
    else if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))
      console.error(`${error.message}\n${USAGE}`);
    else console.error("admin:create failed:", error);
    return 1;
  })
  .then(async (code) => {
    await closeDatabase();
    process.exitCode = code;
  });
