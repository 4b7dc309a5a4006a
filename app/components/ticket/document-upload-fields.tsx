// The pieces both upload forms (with and without JavaScript, ADR 037) build their rows from.
import { cloneElement, type InputHTMLAttributes, type ReactElement } from "react";
import type { FormMetadata } from "@conform-to/react";
import type { DocumentKind } from "~/domain";

/** A kind the form offers, with its label as the select shows it. */
export type KindOption = { kind: DocumentKind; label: string };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the upload form's metadata
export type UploadForm = FormMetadata<any, string[]>;

/** The first error of a field by its name (the browser's check or the server's reply). */
export function errorOf(form: UploadForm, name: string): string | undefined {
  return form.allErrors[name]?.[0];
}

/** A labelled control of a row with its error: the label, name, id and error wiring for any one control. */
export function RowField({
  form,
  name,
  label,
  className = "field",
  children,
}: {
  form: UploadForm;
  name: string;
  label: string;
  className?: string;
  children: ReactElement<InputHTMLAttributes<HTMLElement>>;
}) {
  const id = `${form.id}-${name.replace(/[^\w-]/g, "_")}`;
  const error = errorOf(form, name);
  const control = cloneElement(children, {
    id,
    name,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : undefined,
  });
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {control}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
