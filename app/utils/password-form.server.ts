// The new-password pair of the reset and change forms: read as strings, bounded, and the two must match.
// The policy itself (app/auth/password-policy.server.ts) is applied by the model, which knows the person.
import type { PasswordFieldErrors } from "~/components/password-fields";

const MAX_FIELD = 200; // far above the policy's 72 bytes: the policy says "too long" in its own words

export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.slice(0, MAX_FIELD + 1) : "";
}

export type NewPassword = { ok: true; password: string } | { ok: false; errors: PasswordFieldErrors };

export function readNewPassword(form: FormData): NewPassword {
  const password = formText(form, "password");
  const confirm = formText(form, "passwordConfirm");
  if (!password) return { ok: false, errors: { password: ["새 비밀번호를 입력해 주세요."] } };
  if (password.length > MAX_FIELD) return { ok: false, errors: { password: ["비밀번호가 너무 깁니다."] } };
  if (password !== confirm)
    return { ok: false, errors: { passwordConfirm: ["새 비밀번호가 서로 다릅니다. 같은 비밀번호를 두 번 입력해 주세요."] } };
  return { ok: true, password };
}
