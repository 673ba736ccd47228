import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "../auth/require-user.server";
import { prisma } from "../db/db.server";
import { supervisedUnitIds } from "../supervision/scope.server";

export const meta: MetaFunction = () => [{ title: "Your officers · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "officers:supervise" });
  const units = await supervisedUnitIds(user);
  const officers = await prisma.user.findMany({
    where: { role: "officer", unitId: { in: units } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, unit: { select: { name: true } } },
  });
  return { officers };
}

export default function SupervisorRoster() {
  const { officers } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>Your officers</h1>
      <div className="table-wrap">
        <table>
          <thead><tr><th scope="col">Officer</th><th scope="col">Unit</th></tr></thead>
          <tbody>
            {officers.map((o) => (
              <tr key={o.id}><td>{o.name}</td><td>{o.unit?.name}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
