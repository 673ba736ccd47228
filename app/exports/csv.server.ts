// Streaming CSV: rows are written as they are read, so memory stays flat however long the export.
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  // Spreadsheet programs run cells that start like a formula; a leading apostrophe keeps them text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}

export function csvResponse(
  filename: string,
  header: readonly string[],
  rows: AsyncIterable<readonly unknown[]>,
  waitForDrain: () => Promise<void> = () => Promise.resolve(),
): Response {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let headerSent = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode("\uFEFF" + csvLine(header)));
        return;
      }
      // Batch lines into chunks of about 64 KB.
      let chunk = "";
      while (chunk.length < 65_536) {
        const next = await iterator.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += csvLine(next.value);
      }
      controller.enqueue(encoder.encode(chunk));
      // Let the socket send this chunk before the next is built (the rows may come from a synchronous read),
      // and wait while the client is slower than the export, so memory stays flat.
      await new Promise((resolve) => setImmediate(resolve));
      await waitForDrain();
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
