import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "../auth/require-user.server";
import { versionSource } from "../studio/scenario-view.server";
import { CommunityReviews } from "../ui/community-reviews";
import { DiffHunks } from "../ui/diff-view";

export const meta: MetaFunction = () => [{ title: "Scenario version · Studio · Circlekeeper" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { permission: "studio:use" });
  const compare = new URL(request.url).searchParams.get("compare");
  const source = await versionSource(
    params.slug ?? "",
    Number(params.number),
    compare === null ? null : Number(compare),
  );
  if (!source) throw notFound("There is no such version of this scenario.");
  return source;
}

export default function VersionSource() {
  const v = useLoaderData<typeof loader>();
  return (
    <div className="page stack">
      <p>
        <Link to={`/studio/scenarios/${v.slug}?version=${v.number}`}>
          {v.title} v{v.number}
        </Link>
      </p>
      <h1>{v.comparedWith ? `v${v.comparedWith} → v${v.number}` : `Source of v${v.number}`}</h1>
      {v.communityReviews.length ? (
        <section className="stack" aria-labelledby="community-h">
          <h2 id="community-h">Community review of this version's text</h2>
          <CommunityReviews reviews={v.communityReviews} draftText={false} />
        </section>
      ) : null}
      {v.hunks === "too-large" ? <p>These versions differ too much to compare line by line.</p> : null}
      {v.hunks && v.hunks !== "too-large" ? (
        <DiffHunks hunks={v.hunks} label={`Changes from v${v.comparedWith} to v${v.number}`} />
      ) : null}
      {v.hunks ? null : (
        <pre className="diff card" tabIndex={0} role="region" aria-label={`Source of v${v.number}`}>
          {v.lines.map((l, i) => (
            <span key={i} className="diff__line">
              {String(l.newLine).padStart(4, " ")} {l.text}
              {"\n"}
            </span>
          ))}
        </pre>
      )}
    </div>
  );
}
