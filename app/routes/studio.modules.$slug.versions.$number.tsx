import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "../auth/require-user.server";
import { moduleVersionSource } from "../studio/module-view.server";
import { DiffHunks } from "../ui/diff-view";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? "Module"} v${data?.number ?? ""} · Studio · Circlekeeper` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { permission: "studio:use" });
  const compare = new URL(request.url).searchParams.get("compare");
  const source = await moduleVersionSource(
    params.slug ?? "",
    Number(params.number),
    compare === null ? null : Number(compare),
  );
  if (!source) throw notFound("There is no such version of this module.");
  return source;
}

export default function ModuleVersionSource() {
  const v = useLoaderData<typeof loader>();
  return (
    <div className="page stack">
      <p>
        <Link to={`/studio/modules/${v.slug}`}>{v.title}</Link>
      </p>
      <h1>{v.comparedWith ? `v${v.comparedWith} → v${v.number}` : `Source of v${v.number}`}</h1>
      <p>
        <a href={`/studio/modules/${v.slug}/versions/${v.number}.mdx`} download>
          Download v{v.number} as .mdx
        </a>
      </p>
      {v.hunks === "too-large" ? <p>These versions differ too much to compare line by line.</p> : null}
      {v.hunks && v.hunks !== "too-large" ? (
        <DiffHunks hunks={v.hunks} label={`Changes from v${v.comparedWith} to v${v.number}`} />
      ) : null}
      {v.hunks ? null : (
        <pre className="diff card" tabIndex={0} role="region" aria-label={`Source of v${v.number}`}>
          {v.lines.map((l) => (
            <span key={l.line} className="diff__line">
              {String(l.line).padStart(4, " ")} {l.text}
              {"\n"}
            </span>
          ))}
        </pre>
      )}
    </div>
  );
}
