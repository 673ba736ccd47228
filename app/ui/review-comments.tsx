// Review comments on a draft: open ones first. The reviewer adds one to a node (or a module's line); the author
// resolves each. Approval waits until none is open.
import { Form } from "@remix-run/react";

interface Comment {
  id: string;
  anchor: string;
  body: string;
  authorName: string;
  createdAt: string;
  resolved: boolean;
}

interface Props {
  comments: Comment[];
  /** where a comment may go; empty for someone who may not review this draft */
  anchors: { value: string; label: string }[];
  canResolve: boolean;
}

export function ReviewComments({ comments, anchors, canResolve }: Props) {
  if (!comments.length && !anchors.length) return null;
  const open = comments.filter((c) => !c.resolved).length;
  return (
    <section className="card stack" aria-labelledby="comments-h">
      <h2 id="comments-h">Review comments</h2>
      <p>
        {open
          ? `${open} open: the draft cannot be approved until ${open === 1 ? "it is" : "they are"} resolved.`
          : "No open comments."}
      </p>
      {comments.length ? (
        <ul className="stack" aria-label="Comments">
          {comments.map((c) => (
            <li key={c.id} className={c.resolved ? "muted" : undefined}>
              <p>
                <strong>{c.anchor}</strong> · {c.authorName} · {c.createdAt.slice(0, 16).replace("T", " ")} UTC
                {c.resolved ? " · resolved" : ""}
              </p>
              <p>{c.body}</p>
              {canResolve && !c.resolved ? (
                <Form method="post">
                  <input type="hidden" name="commentId" value={c.id} />
                  <button type="submit" name="intent" value="resolve-comment" className="button button--secondary">
                    Mark resolved<span className="visually-hidden">: {c.anchor}</span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {anchors.length ? (
        <Form method="post" className="stack">
          <div className="field">
            <label htmlFor="comment-anchor">On</label>
            <select id="comment-anchor" name="anchor" required>
              {anchors.map((a) => (
                <option key={a.value} value={a.value}>
                  {a.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="comment-body">Comment for the author</label>
            <textarea id="comment-body" name="body" rows={3} required maxLength={2000} />
          </div>
          <div className="row">
            <button type="submit" name="intent" value="comment" className="button button--secondary">
              Add comment
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
