import { Link } from "@remix-run/react";
import { formatDay } from "./certification-status";

export interface ModuleRenewalNote {
  programTitle: string;
  opensAt: string | Date;
  dueBy: string | Date;
  open: boolean;
  counted: string | Date | null;
}

/** On a module page: whether this module's check counts toward a renewal the officer has ahead, and from when. */
export function ModuleRenewalNotes({ notes }: { notes: ModuleRenewalNote[] }) {
  if (!notes.length) return null;
  return (
    <div className="alert module-renewal" role="note">
      {notes.map((n) => (
        <p key={n.programTitle}>
          <strong>Renewal of {n.programTitle}:</strong>{" "}
          {n.counted
            ? `your pass of ${formatDay(n.counted)} counts toward renewal (due by ${formatDay(n.dueBy)}).`
            : n.open
              ? `this check counts toward renewal (due by ${formatDay(n.dueBy)}) only when passed since ${formatDay(n.opensAt)}: an earlier pass still shows here but does not count, so take the check again.`
              : `this check will count toward renewal when passed from ${formatDay(n.opensAt)} (renewal due by ${formatDay(n.dueBy)}); an earlier pass does not count.`}{" "}
          <Link to="/certification">Your certification</Link>
        </p>
      ))}
    </div>
  );
}
