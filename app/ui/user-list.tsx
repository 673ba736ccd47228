// The admin users list: search and filters (a plain GET form), one page of people as cards that stack on a phone,
// and previous/next links carrying keyset cursors.
import { Form, Link } from "@remix-run/react";
import { GRANTABLE, GRANTABLE_LABELS, ROLE_LABELS, ROLES, type GrantablePermission, type Role } from "../auth/roles";
import { USER_STATUS_LABELS, USER_STATUSES, userListHref, type UserQuery } from "../users/user-query";
import { Field } from "./field";

interface Unit {
  id: string;
  name: string;
}

interface Person {
  id: string;
  name: string;
  email: string;
  role: string;
  unitId: string | null;
  lastSignedInAt: string | Date | null;
  mustChangePassword: boolean;
  lockedUntil: string | Date | null;
  supervisedUnitIds: string[];
  grants: string[];
}

interface Page {
  users: Person[];
  units: Unit[];
  total: number;
  previous: string | null;
  next: string | null;
  query: UserQuery;
}

export function UserSearch({
  query,
  units,
  errors,
}: {
  query: UserQuery;
  units: Unit[];
  errors: Record<string, string> | null;
}) {
  return (
    <Form method="get" className="card filters" role="search" aria-label="Find people">
      {errors ? (
        <div className="alert alert--error" role="alert">
          <p>That search could not be used, so the whole list is shown:</p>
          <ul>
            {Object.entries(errors).map(([k, v]) => (
              <li key={k}>{v}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="filters__grid">
        <Field name="q" id="users-q" label="Name or email" type="search" defaultValue={query.q} />
        <div className="field">
          <label htmlFor="users-role">Role</label>
          <select id="users-role" name="role" defaultValue={query.role ?? ""}>
            <option value="">Any role</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="users-unit">Unit</label>
          <select id="users-unit" name="unit" defaultValue={query.unit ?? ""}>
            <option value="">Any unit</option>
            <option value="none">No unit</option>
            {units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="users-status">Status</label>
          <select id="users-status" name="status" defaultValue={query.status ?? ""}>
            <option value="">Any status</option>
            {USER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {USER_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="row">
        <button className="button" type="submit">
          Find people
        </button>
        <Link to="/admin/users">Clear search and filters</Link>
      </div>
    </Form>
  );
}

function lastSignIn(at: string | Date | null): string {
  return at
    ? new Date(at).toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" })
    : "never";
}

export function UserList({ page }: { page: Page }) {
  const unitName = new Map(page.units.map((u) => [u.id, u.name]));
  const filtered = page.query.q || page.query.role || page.query.unit || page.query.status;
  return (
    <>
      <p aria-live="polite" className="muted">
        {page.total === 1 ? "1 person" : `${page.total} people`}
        {filtered ? " match" : " in your agency"}
        {page.total > page.users.length ? `; showing ${page.users.length} at a time, in name order` : ""}.
      </p>
      {page.users.length ? (
        <ul className="people" aria-label="People">
          {page.users.map((u) => (
            <li key={u.id} className="person card">
              <div className="person__who">
                <h3 className="person__name">{u.name}</h3>
                <span className="person__email">{u.email}</span>
                <span className="row person__badges">
                  {u.lockedUntil && new Date(u.lockedUntil) > new Date() ? (
                    <span className="badge badge--danger">Locked</span>
                  ) : null}
                  {u.mustChangePassword ? <span className="badge badge--warn">Must change password</span> : null}
                </span>
              </div>
              <dl className="person__facts">
                <div>
                  <dt>Role</dt>
                  <dd>
                    {ROLE_LABELS[u.role as Role] ?? u.role}
                    {u.grants.includes("observations:record") &&
                    (GRANTABLE["observations:record"] as readonly string[]).includes(u.role) ? (
                      <>
                        {" "}
                        <span className="badge">Assessor</span>
                      </>
                    ) : null}
                  </dd>
                </div>
                <div>
                  <dt>Unit</dt>
                  <dd>{u.unitId ? unitName.get(u.unitId) : "None"}</dd>
                </div>
                <div>
                  <dt>Last signed in</dt>
                  <dd>{lastSignIn(u.lastSignedInAt)}</dd>
                </div>
              </dl>
              <ManagePanel person={u} units={page.units} />
            </li>
          ))}
        </ul>
      ) : (
        <p>
          Nobody matches. <Link to="/admin/users">Show everyone</Link>
        </p>
      )}
      {page.previous || page.next ? (
        <nav aria-label="Pages of people" className="row pager">
          {page.previous ? (
            <Link to={userListHref(page.query, { before: page.previous })} rel="prev">
              Previous people
            </Link>
          ) : (
            <span />
          )}
          {page.next ? (
            <Link to={userListHref(page.query, { after: page.next })} rel="next">
              Next people
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

function ManagePanel({ person: u, units }: { person: Person; units: Unit[] }) {
  return (
    <details className="person__manage">
      <summary>Manage {u.name}</summary>
      <Form method="post" className="card stack">
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="userId" value={u.id} />
        <RoleAndUnitFields idPrefix={u.id} units={units} defaultRole={u.role} defaultUnitId={u.unitId ?? ""} />
        <button className="button button--secondary" type="submit">
          Save role and unit
        </button>
      </Form>
      {u.role === "supervisor" || u.role === "admin" ? (
        <Form method="post" className="card">
          <input type="hidden" name="intent" value="supervise" />
          <input type="hidden" name="userId" value={u.id} />
          <fieldset>
            <legend>Units {u.name} supervises</legend>
            {units.map((unit) => (
              <div key={unit.id}>
                <input
                  type="checkbox"
                  id={`sup-${u.id}-${unit.id}`}
                  name="supervisedUnitIds"
                  value={unit.id}
                  defaultChecked={u.supervisedUnitIds.includes(unit.id)}
                />{" "}
                <label htmlFor={`sup-${u.id}-${unit.id}`} className="inline-label">
                  {unit.name}
                </label>
              </div>
            ))}
          </fieldset>
          <button className="button button--secondary" type="submit">
            Save supervised units
          </button>
        </Form>
      ) : null}
      {(Object.keys(GRANTABLE) as GrantablePermission[])
        .filter((p) => (GRANTABLE[p] as readonly Role[]).includes(u.role as Role))
        .map((p) => (
          <Form method="post" className="card" key={p}>
            <input type="hidden" name="intent" value="grant" />
            <input type="hidden" name="userId" value={u.id} />
            <input type="hidden" name="permission" value={p} />
            <input type="hidden" name="held" value={u.grants.includes(p) ? "no" : "yes"} />
            <p>
              {GRANTABLE_LABELS[p]}: <strong>{u.grants.includes(p) ? "granted" : "not granted"}</strong>
            </p>
            <button className="button button--secondary" type="submit">
              {u.grants.includes(p) ? `Withdraw assessor permission from ${u.name}` : `Make ${u.name} an assessor`}
            </button>
          </Form>
        ))}
      <Form method="post" className="card">
        <input type="hidden" name="intent" value="reset-password" />
        <input type="hidden" name="userId" value={u.id} />
        <PasswordFields idPrefix={u.id} label="New password" hint="At least 12 characters." />
        <button className="button button--secondary" type="submit">
          Reset password
        </button>
      </Form>
    </details>
  );
}

/** The role and unit an admin gives a person, in the create form and in each person's manage panel. */
export function RoleAndUnitFields({
  idPrefix,
  units,
  defaultRole,
  defaultUnitId,
  unitError,
}: {
  idPrefix: string;
  units: Unit[];
  defaultRole: string;
  defaultUnitId: string;
  unitError?: string;
}) {
  return (
    <>
      <div className="field">
        <label htmlFor={`role-${idPrefix}`}>Role</label>
        <select id={`role-${idPrefix}`} name="role" defaultValue={defaultRole}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`unit-${idPrefix}`}>Unit</label>
        <select
          id={`unit-${idPrefix}`}
          name="unitId"
          defaultValue={defaultUnitId}
          aria-invalid={unitError ? true : undefined}
        >
          <option value="">No unit</option>
          {units.map((unit) => (
            <option key={unit.id} value={unit.id}>
              {unit.name}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

/**
 * A password an admin sets (a new account's first, or a reset), with the must-change box ticked by default: a
 * password the admin chose is known to two people until its owner replaces it.
 */
export function PasswordFields({
  idPrefix,
  label,
  hint,
  error,
}: {
  idPrefix: string;
  label: string;
  hint: string;
  error?: string;
}) {
  return (
    <>
      <Field
        name="password"
        id={`pw-${idPrefix}`}
        label={label}
        type="password"
        autoComplete="new-password"
        hint={hint}
        error={error}
      />
      <div className="field check-field">
        <input type="checkbox" id={`must-change-${idPrefix}`} name="mustChangePassword" value="yes" defaultChecked />
        <label htmlFor={`must-change-${idPrefix}`} className="inline-label">
          Must change password at next sign-in
        </label>
      </div>
    </>
  );
}
