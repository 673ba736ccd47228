// The "Delivery" part of an admin settings page that sends through an outbox (e-mail, learning records): what is
// waiting, sent and failed, the last error, and the rows that could not be delivered.
import type { ReactNode } from "react";

const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export interface OutboxFailure {
  id: string;
  lastError: string | null;
  createdAt: string | Date;
}

export interface OutboxCounts<Failure extends OutboxFailure> {
  queued: number;
  sent: number;
  failed: number;
  lastError: string | null;
  /** when the next try falls due; leave out for an outbox that does not show it */
  nextTry?: string | Date | null;
  failures: Failure[];
}

export interface OutboxColumn<Failure> {
  header: string;
  cell(failure: Failure): ReactNode;
}

export function OutboxStatus<Failure extends OutboxFailure>({
  status,
  labels,
  columns,
}: {
  status: OutboxCounts<Failure>;
  labels: { queued: string; failed: string; failures: string };
  /** the columns that say what each failed row was; its error and when it was queued follow */
  columns: OutboxColumn<Failure>[];
}) {
  return (
    <>
      <h2>Delivery</h2>
      <dl className="facts">
        <dt>{labels.queued}</dt>
        <dd>{status.queued}</dd>
        <dt>Sent</dt>
        <dd>{status.sent}</dd>
        <dt>{labels.failed}</dt>
        <dd>{status.failed}</dd>
        <dt>Last error</dt>
        <dd>{status.lastError ?? "None"}</dd>
        {status.nextTry !== undefined ? (
          <>
            <dt>Next try</dt>
            <dd>{status.nextTry ? `${when.format(new Date(status.nextTry))} UTC` : "As soon as anything is due"}</dd>
          </>
        ) : null}
      </dl>
      {status.failures.length ? (
        <table>
          <caption>{labels.failures}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th scope="col" key={column.header}>
                  {column.header}
                </th>
              ))}
              <th scope="col">Error</th>
              <th scope="col">Queued</th>
            </tr>
          </thead>
          <tbody>
            {status.failures.map((failure) => (
              <tr key={failure.id}>
                {columns.map((column) => (
                  <td key={column.header}>{column.cell(failure)}</td>
                ))}
                <td>{failure.lastError}</td>
                <td>{when.format(new Date(failure.createdAt))} UTC</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
