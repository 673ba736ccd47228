// The address people reach Circlekeeper at: CK_PUBLIC_ORIGIN when set (behind a proxy), else the one asked for.
// Passkeys are bound to it and identity providers redirect back to it.
export function publicOrigin(request: Request): string {
  return process.env.CK_PUBLIC_ORIGIN ?? new URL(request.url).origin;
}
