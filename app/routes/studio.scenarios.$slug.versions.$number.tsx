import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "../auth/require-user.server";
import { prisma } from "../db/db.server";
import { diffLines } from "../studio/diff";

export const meta: MetaFunction = () => [{ title: "Scenario version · Studio · Circlekeeper" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { permission: "studio:use" });
  const slug = params.slug ?? "";
  const number = Number(params.number);
  const version = Number.isInteger(number) ? await prisma.scenarioVersion.findUnique({ where: { scenarioSlug_number: { scenarioSlug: slug, number } }, select: { number: true, source: true, title: true } }) : null;
  if (!version) throw notFound("There is no such version of this scenario.");
  const compareNumber = Number(new URL(request.url).searchParams.get("compare"));
  const other = Number.isInteger(compareNumber) && compareNumber > 0
    ? await prisma.scenarioVersion.findUnique({ where: { scenarioSlug_number: { scenarioSlug: slug, number: compareNumber } }, select: { number: true, source: true } })
    : null;
  return {
    slug, number: version.number, title: version.title,
    lines: other ? diffLines(other.source, version.source) : version.source.split("\n").map((text, i) => ({ kind: "same" as const, text, oldLine: i + 1, newLine: i + 1 })),
    comparedWith: other?.number ?? null,
  };
}

export default function VersionSource() {
  const v = useLoaderData<typeof loader>();
  const changed = v.lines.filter((l) => l.kind !== "same").length;
  return (
    <div className="page stack">
      <p><Link to={`/studio/scenarios/${v.slug}?version=${v.number}`}>{v.title} v{v.number}</Link></p>
      <h1>{v.comparedWith ? `v${v.comparedWith} → v${v.number}` : `Source of v${v.number}`}</h1>
      {v.comparedWith ? <p>{changed} changed line{changed === 1 ? "" : "s"}. Added lines are marked “+”, removed lines “−”.</p> : null}
      <pre className="diff card">
        {v.lines.map((l, i) => (
          <span key={i} className={`diff__line diff__line--${l.kind}`}>
            {l.kind === "added" ? "+ " : l.kind === "removed" ? "− " : "  "}{String(l.newLine ?? l.oldLine).padStart(4, " ")}  {l.text}
            {"\n"}
          </span>
        ))}
      </pre>
    </div>
  );
}
