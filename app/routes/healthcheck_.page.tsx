// A page with nothing of its own: the root layout (the session read, the site header) and one heading. The
// benchmark measures it beside /healthcheck as the ceiling of any rendered page (docs/decisions/0240).
import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Page check · Circlekeeper" }];

export default function BarePage() {
  return (
    <div className="page narrow">
      <h1>Circlekeeper is up</h1>
    </div>
  );
}
