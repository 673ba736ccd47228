// Open Badges credentials through the real routes and this file's own database: the seeded certificate has a
// credential that verifies, a revocation sets its status bit in the same transaction, and the verify form answers
// every bad input with a 400 that names the problem. (The independent check, with jose against the keys fetched
// over HTTP from the production build, is tests/e2e/credentials.spec.ts.)
import { gunzipSync } from "node:zlib";
import { createLocalJWKSet, decodeJwt, jwtVerify } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/db/db.server";
import { loader as jwksLoader } from "../../app/routes/[.well-known].jwks[.]json";
import { loader as jsonLoader } from "../../app/routes/certification.certificates.$id[.]json";
import { loader as jwtLoader } from "../../app/routes/certification.certificates.$id[.]jwt";
import { loader as statusLoader } from "../../app/routes/credentials.status.$agencyId";
import { action as recordAction } from "../../app/routes/supervisor.officers.$officerId._index";
import { loader as verifyCodeLoader } from "../../app/routes/verify.$code";
import { action as verifyAction } from "../../app/routes/verify._index";
import { cookieFor, get, post, runTyped, seedOnce } from "../support/app";

let certificate: { id: string; officerId: string; verificationCode: string };
let officerCookie: string;

function verifyPost(fields: Record<string, string | Blob>): Request {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  return new Request("http://localhost:3000/verify?index", {
    method: "POST",
    body,
    headers: { Origin: "http://localhost:3000" },
  });
}

async function downloadedJwt(): Promise<string> {
  const answer = await runTyped(jwtLoader, get(`/certification/certificates/${certificate.id}.jwt`, officerCookie), {
    id: certificate.id,
  });
  expect(answer.status).toBe(200);
  return String(answer.data);
}

async function publishedKeys() {
  const answer = await runTyped(jwksLoader, get("/.well-known/jwks.json"));
  return createLocalJWKSet(answer.data as Parameters<typeof createLocalJWKSet>[0]);
}

async function statusBit(jwt: string): Promise<number> {
  const status = decodeJwt(jwt).credentialStatus as { statusListIndex: string; statusListCredential: string };
  const agencyId = status.statusListCredential.split("/").pop()!;
  const list = await runTyped(statusLoader, get(`/credentials/status/${agencyId}`), { agencyId });
  const { payload } = await jwtVerify(String(list.data), await publishedKeys());
  const encoded = (payload.credentialSubject as { encodedList: string }).encodedList;
  const bits = gunzipSync(Buffer.from(encoded.slice(1), "base64url"));
  const index = Number(status.statusListIndex);
  return (bits[index >> 3]! >> (7 - (index % 8))) & 1;
}

beforeAll(async () => {
  await seedOnce();
  const aisha = await prisma.user.findUniqueOrThrow({ where: { email: "a.johnson@example.org" } });
  certificate = await prisma.signOff.findFirstOrThrow({
    where: { officerId: aisha.id },
    select: { id: true, officerId: true, verificationCode: true },
  });
  officerCookie = await cookieFor("a.johnson@example.org");
});

describe("the seeded certificate's credential", () => {
  it("is an OpenBadgeCredential signed as a VC-JWT with the published key, expiring with the certification", async () => {
    const jwt = await downloadedJwt();
    const { payload, protectedHeader } = await jwtVerify(jwt, await publishedKeys(), { typ: "vc+jwt" });
    expect(protectedHeader.alg).toBe("EdDSA");
    expect(payload.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    const signOff = await prisma.signOff.findUniqueOrThrow({ where: { id: certificate.id } });
    expect(payload.validUntil).toBe(signOff.validUntil.toISOString());
    const subject = payload.credentialSubject as {
      achievement: { alignment: unknown[]; criteria: { narrative: string } };
    };
    expect(subject.achievement.alignment).toHaveLength(5);
    expect(subject.achievement.criteria.narrative).toContain("Be signed off by a supervisor");
    expect(await statusBit(jwt)).toBe(0);
  });

  it("downloads as JSON (an enveloped credential) that the verify form accepts", async () => {
    const answer = await runTyped(
      jsonLoader,
      get(`/certification/certificates/${certificate.id}.json`, officerCookie),
      {
        id: certificate.id,
      },
    );
    const json = JSON.stringify(answer.data);
    const checked = await runTyped(verifyAction, verifyPost({ credential: json }));
    expect(checked.status).toBe(200);
    expect(checked.data).toMatchObject({ ok: true, result: { valid: true } });
  });

  it("is refused to another officer", async () => {
    const other = await cookieFor("officer2@example.org");
    const answer = await runTyped(jwtLoader, get(`/certification/certificates/${certificate.id}.jwt`, other), {
      id: certificate.id,
    });
    expect(answer.status).toBe(404);
  });
});

describe("the verify form", () => {
  it("names a changed credential as failing its signature", async () => {
    const [header, payload, signature] = (await downloadedJwt()).split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")) as Record<string, unknown>;
    claims.validUntil = "2099-01-01T00:00:00.000Z";
    const tampered = [header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join(".");
    const checked = await runTyped(verifyAction, verifyPost({ file: new Blob([tampered]) }));
    expect(checked.data).toMatchObject({
      ok: true,
      result: { valid: false, checks: [{ name: "signature", ok: false }] },
    });
  });

  it.each([
    ["nothing", ""],
    ["garbage", "not a credential at all {"],
    ["JSON without a credential", '{"hello":"world"}'],
    ["too much", "a".repeat(70 * 1024)],
  ])("answers %s with a 400 and a message", async (_, text) => {
    const checked = await runTyped(verifyAction, verifyPost({ credential: text }));
    expect(checked.status).toBe(400);
    expect(Object.values((checked.data as { errors: Record<string, string> }).errors)[0]).toMatch(/\w/);
  });
});

describe("revocation", () => {
  it("sets the credential's status bit in the revocation's transaction, and the checks say so", async () => {
    const jwt = await downloadedJwt();
    const supervisor = await cookieFor("supervisor@example.org");
    const revoked = await runTyped(
      recordAction,
      post(
        `/supervisor/officers/${certificate.officerId}`,
        { intent: "revoke", signOffId: certificate.id, reason: "Revoked to test the status list." },
        supervisor,
      ),
      { officerId: certificate.officerId },
    );
    expect(revoked.status).toBe(200);
    expect(await statusBit(jwt)).toBe(1);
    const page = await runTyped(verifyCodeLoader, get(`/verify/${certificate.verificationCode}`), {
      code: certificate.verificationCode,
    });
    expect(page.data.credential).toMatchObject({
      valid: false,
      checks: [
        { name: "signature", ok: true },
        { name: "dates", ok: true },
        { name: "status", ok: false },
      ],
    });
  });
});
