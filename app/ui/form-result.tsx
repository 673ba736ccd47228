import { useEffect, useRef, type ReactNode } from "react";

/**
 * The outcome of a form the page just handled (`of`: the action's answer). It takes focus each time a new
 * answer arrives, so a screen reader reads it and a keyboard user goes on from there (the button they pressed
 * may be gone); an error is also an alert.
 */
export function FormResult({ of, ok, children }: { of: unknown; ok: boolean; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [of]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role={ok ? "status" : "alert"}
      className={`alert form-result ${ok ? "alert--ok" : "alert--error"}`}
    >
      {children}
    </div>
  );
}
