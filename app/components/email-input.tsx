/** The one e-mail field of the sign-in and "send me a link" forms (plain forms, not Conform): label, input, error. */
export function EmailInput({ defaultValue, error }: { defaultValue?: string; error?: string }) {
  return (
    <div className="field">
      <label htmlFor="email">이메일</label>
      <input
        id="email"
        name="email"
        type="email"
        autoComplete="username"
        defaultValue={defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "email-error" : undefined}
        required
      />
      {error ? (
        <p className="field-error" id="email-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
