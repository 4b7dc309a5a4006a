// The password inputs of the reset and change pages: one labelled input with its Korean errors (each
// reason the policy gives on its own line), described by them for screen readers.
export type PasswordFieldErrors = Partial<Record<"current" | "password" | "passwordConfirm", string[]>>;

export function PasswordInput({
  name,
  label,
  autoComplete,
  errors,
  hint,
}: {
  name: keyof PasswordFieldErrors;
  label: string;
  autoComplete: "current-password" | "new-password";
  errors?: string[];
  hint?: string;
}) {
  const errorId = `${name}-error`;
  const hintId = hint ? `${name}-hint` : undefined;
  const describedBy = [errors?.length ? errorId : null, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        type="password"
        autoComplete={autoComplete}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        required
      />
      {hint ? (
        <p className="muted" id={hintId}>
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <div className="field-error" id={errorId}>
          {errors.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      ) : null}
    </div>
  );
}

export const NEW_PASSWORD_HINT = "10자 이상. 이메일·회사 이름·흔한 비밀번호는 쓸 수 없습니다. 여러 단어를 섞으면 기억하기도 쉽습니다.";
