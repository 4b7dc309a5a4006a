// The one toaster of the app (sonner): the flash message of the last step
// (app/utils/toast.server.ts, read by the root loader) and the live events of
// other people (components/live-updates.tsx) both appear here. Without
// JavaScript the flash message is shown in the page instead.
import { useEffect, useRef } from "react";
import { Toaster as Sonner, toast } from "sonner";

export type Flash = { id: string; type: "success" | "info"; message: string };

export function Toaster({ flash }: { flash: Flash | null }) {
  const shown = useRef(new Set<string>());
  useEffect(() => {
    if (!flash || shown.current.has(flash.id)) return;
    // one outcome at a time: the message of the previous step gives way to this one
    for (const id of shown.current) toast.dismiss(id);
    shown.current.add(flash.id);
    const show = flash.type === "success" ? toast.success : toast.info;
    show(flash.message, { id: flash.id, testId: "flash", className: "toast-ok" });
  }, [flash]);
  return (
    <>
      <Sonner
        position="top-center"
        richColors
        closeButton
        duration={6000}
        visibleToasts={4}
        containerAriaLabel="알림 메시지"
        toastOptions={{ closeButtonAriaLabel: "닫기" }}
      />
      {flash ? (
        <noscript>
          <p className="toast-ok" role="status">
            {flash.message}
          </p>
        </noscript>
      ) : null}
    </>
  );
}

/** A live event of someone else, in the same toaster. */
export function liveToast(id: number, title: string, body: string) {
  toast(title, { id: `live-${id}`, description: body, testId: "toast", position: "bottom-right" });
}
