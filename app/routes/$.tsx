// Any URL no other route claims: a real 404 page.
import { notFound } from "../auth/require-user.server";

export async function loader() {
  throw notFound();
}

export default function NotFound() {
  return null;
}
