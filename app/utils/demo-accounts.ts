// The demo accounts (데모 전용): seeded by prisma/demo-data.ts and listed on the sign-in page in demo
// mode only (DEMO_MODE, ADR 020). One list, so the page never forgets an account again (maker3 did).
export type DemoAccount = {
  email: string;
  name: string;
  role: "manufacturer" | "supplier" | "monitor" | "evaluator" | "cost_agency";
  note: string;
};

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: "maker1@demo.kr", name: "김민준", role: "manufacturer", note: "도입기업" },
  { email: "maker2@demo.kr", name: "이서연", role: "manufacturer", note: "도입기업" },
  { email: "maker3@demo.kr", name: "박지훈", role: "manufacturer", note: "도입기업" },
  { email: "vendor1@demo.kr", name: "정하늘", role: "supplier", note: "공급기업" },
  { email: "vendor2@demo.kr", name: "최유진", role: "supplier", note: "공급기업" },
  { email: "vendor3@demo.kr", name: "오세훈", role: "supplier", note: "공급기업, 운영기관 승인 대기" },
  { email: "monitor@demo.kr", name: "윤지혜", role: "monitor", note: "운영기관" },
  { email: "evaluator@demo.kr", name: "한도윤", role: "evaluator", note: "외부전문가 (현장평가 1건 배정)" },
  { email: "cost@demo.kr", name: "서예린", role: "cost_agency", note: "원가계산기관 (원가적정성 검토 1건 배정)" },
];

export function demoAccount(email: string): DemoAccount {
  const account = DEMO_ACCOUNTS.find((a) => a.email === email);
  if (!account) throw new Error(`no demo account ${email}`);
  return account;
}
