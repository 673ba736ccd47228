// An uploaded image, by the hash of its bytes: never changes, so it is cached for a year; nosniff and its one type.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "../auth/require-user.server";
import { readImage } from "../media/image-store.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const hash = /^([0-9a-f]{64})\.webp$/.exec(params.file ?? "")?.[1];
  const bytes = hash ? await readImage(hash) : null;
  if (!bytes) throw notFound("There is no image at this address.");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "image/webp",
      "Content-Length": String(bytes.byteLength),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "public, max-age=31536000, immutable",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Content-Disposition": "inline",
    },
  });
}
