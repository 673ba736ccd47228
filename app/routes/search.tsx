import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { forbidden, requireUser } from "../auth/require-user.server";
import { maySearch, SEARCH_MAX_LENGTH, searchLabel } from "../search/scope";
import { search, type SearchHit } from "../search/search.server";

export const meta: MetaFunction = () => [{ title: "Search · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!maySearch(user.role)) throw forbidden();
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim();
  const label = searchLabel(user.role);
  if (q.length > SEARCH_MAX_LENGTH) {
    return data(
      { q: "", label, error: `Search for at most ${SEARCH_MAX_LENGTH} characters.`, results: null },
      { status: 400 },
    );
  }
  return { q, label, error: null, results: q ? await search(user, q) : null };
}

function Hits({ id, title, hits }: { id: string; title: string; hits: SearchHit[] }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {title} ({hits.length})
      </h2>
      {hits.length ? (
        <ul className="search-hits">
          {hits.map((hit) => (
            <li key={hit.to}>
              <Link to={hit.to}>{hit.title}</Link>
              <p className="muted">{hit.detail}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">None found.</p>
      )}
    </section>
  );
}

export default function SearchPage() {
  const { q, label, error, results } = useLoaderData<typeof loader>();
  const found = results ? results.modules.length + results.rolePlays.length + (results.officers?.length ?? 0) : 0;
  return (
    <div className="page narrow">
      <h1>Search</h1>
      <Form method="get" role="search" aria-label="Search this site" className="row">
        <div className="field">
          <label htmlFor="search-q">{label}</label>
          <input
            type="search"
            id="search-q"
            name="q"
            defaultValue={q}
            maxLength={SEARCH_MAX_LENGTH}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "search-error" : undefined}
          />
          {error ? (
            <p className="field-error" id="search-error">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </Form>
      {results ? (
        <>
          <p role="status">
            {found === 0 ? `Nothing matches “${q}”.` : `${found} ${found === 1 ? "result" : "results"} for “${q}”.`}
          </p>
          <Hits id="found-modules" title="Modules" hits={results.modules} />
          <Hits id="found-role-plays" title="Role-plays" hits={results.rolePlays} />
          {results.officers ? <Hits id="found-officers" title="Officers" hits={results.officers} /> : null}
        </>
      ) : null}
    </div>
  );
}
