// Certificates: the printable proof of a sign-off, and the public verification page's answer.
import fs from "node:fs/promises";
import path from "node:path";
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { findSupervisedOfficer } from "../supervision/scope.server";
import { findProgram } from "./programs.server";
import { hasLapsed } from "./validity";

export type CertificateValidity = "valid" | "expired" | "revoked";

export interface CertificateView {
  id: string;
  officerName: string;
  programTitle: string;
  issuedAt: Date;
  validUntil: Date;
  validity: CertificateValidity;
  code: string;
  agencyName: string;
}

function validityOf(row: { validUntil: Date; revokedAt: Date | null }, now: Date): CertificateValidity {
  if (row.revokedAt) return "revoked";
  return hasLapsed(row.validUntil, now) ? "expired" : "valid";
}

const select = {
  id: true,
  officerId: true,
  programSlug: true,
  signedAt: true,
  validUntil: true,
  revokedAt: true,
  verificationCode: true,
  officer: { select: { name: true, agency: { select: { name: true } } } },
} as const;

function view(
  row: {
    id: string;
    programSlug: string;
    signedAt: Date;
    validUntil: Date;
    revokedAt: Date | null;
    verificationCode: string;
    officer: { name: string; agency: { name: string } };
  },
  now = new Date(),
): CertificateView {
  return {
    id: row.id,
    officerName: row.officer.name,
    programTitle: findProgram(row.programSlug)?.title ?? row.programSlug,
    issuedAt: row.signedAt,
    validUntil: row.validUntil,
    validity: validityOf(row, now),
    code: row.verificationCode,
    agencyName: row.officer.agency.name,
  };
}

/** The certificate, for the officer it belongs to or a supervisor of their unit; null otherwise. */
export async function certificateFor(
  viewer: SessionUser,
  signOffId: string,
): Promise<(CertificateView & { backTo: string }) | null> {
  const row = await prisma.signOff.findUnique({ where: { id: signOffId }, select });
  if (!row) return null;
  if (row.officerId !== viewer.id && !(await findSupervisedOfficer(viewer, row.officerId))) return null;
  // A supervisor goes back to the officer's record; the officer, to their certification page.
  return {
    ...view(row),
    backTo: row.officerId === viewer.id ? "/certification" : `/supervisor/officers/${row.officerId}`,
  };
}

/** What anyone may learn from a verification code: name, program, dates and current validity. */
export async function verifyCode(code: string) {
  const normalised = code.trim().toUpperCase();
  if (!/^[A-Z0-9]{5}-[A-Z0-9]{5}$/.test(normalised)) return null;
  const row = await prisma.signOff.findUnique({ where: { verificationCode: normalised }, select });
  if (!row) return null;
  const v = view(row);
  return {
    officerName: v.officerName,
    programTitle: v.programTitle,
    issuedAt: v.issuedAt,
    validUntil: v.validUntil,
    validity: v.validity,
  };
}

function formatDate(date: Date): string {
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

// DejaVu Sans (Bitstream Vera licence, see fonts/LICENSE): Latin with Vietnamese, Greek, Cyrillic and more.
// Read from the source tree like content/, since the server build does not carry files.
const FONT_DIR = path.resolve("app/certification/fonts");

interface CertificateFonts {
  regular: Uint8Array;
  bold: Uint8Array;
  /** fontkit, handing pdf-lib the fonts parsed once (parsing them is most of the work of a PDF). */
  fontkit: Pick<typeof import("@pdf-lib/fontkit"), "create">;
  /** Whether both faces have a glyph for every character. */
  covers(text: string): boolean;
}

let fonts: Promise<CertificateFonts> | null = null;

/** Loaded on first use, to keep them out of the server's start-up; kept for the life of the process. */
function certificateFonts(): Promise<CertificateFonts> {
  fonts ??= (async () => {
    const [regular, bold, imported] = await Promise.all([
      fs.readFile(path.join(FONT_DIR, "DejaVuSans.ttf")),
      fs.readFile(path.join(FONT_DIR, "DejaVuSans-Bold.ttf")),
      import("@pdf-lib/fontkit"),
    ]);
    const fontkit = imported.default; // the CommonJS build's module.exports, or the ES build's default export
    const parsed = new Map([regular, bold].map((bytes) => [bytes as Uint8Array, fontkit.create(bytes)]));
    const covers = (text: string) =>
      [...text].every((c) => [...parsed.values()].every((face) => face.hasGlyphForCodePoint(c.codePointAt(0)!)));
    const create = (bytes: Uint8Array, name?: string) => parsed.get(bytes) ?? fontkit.create(bytes, name);
    return { regular, bold, fontkit: { create }, covers };
  })().catch((error: unknown) => {
    fonts = null; // a missing file is reported on every request, not remembered
    throw error;
  });
  return fonts;
}

/**
 * Scripts written right to left. pdf-lib lays text out left to right and cannot order or join these letters
 * correctly, so such a certificate is printed from its page instead, where the browser lays it out.
 */
const RIGHT_TO_LEFT =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Yezidi}\p{Script=Mende_Kikakui}]/u;

function textsOf(cert: CertificateView): string[] {
  return [cert.officerName, cert.agencyName, cert.programTitle].map((text) => text.normalize("NFC"));
}

/** Why the PDF cannot show this certificate as written, or null when it can. */
export async function certificatePdfProblem(cert: CertificateView): Promise<string | null> {
  const texts = textsOf(cert);
  const rightToLeft = texts.find((text) => RIGHT_TO_LEFT.test(text));
  if (rightToLeft) return `The PDF cannot show “${rightToLeft}” correctly: it is written right to left.`;
  const { covers } = await certificateFonts();
  const uncovered = texts.find((text) => !covers(text));
  if (uncovered) return `The PDF's font has no letters for part of “${uncovered}”.`;
  return null;
}

export type CertificatePdf = { ok: true; pdf: Uint8Array } | { ok: false; problem: string };

export async function certificatePdf(cert: CertificateView, verifyUrl: string): Promise<CertificatePdf> {
  const problem = await certificatePdfProblem(cert);
  if (problem) return { ok: false, problem };
  const [officerName, agencyName, programTitle] = textsOf(cert) as [string, string, string];
  const { PDFDocument, rgb } = await import("pdf-lib");
  const fonts = await certificateFonts();
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fonts.fontkit as typeof import("@pdf-lib/fontkit"));
  pdf.setTitle(`${programTitle}: ${officerName}`);
  pdf.setAuthor("Circlekeeper");
  const page = pdf.addPage([842, 595]);
  // Subset: only the glyphs this certificate uses go into the file (a few kB instead of 700).
  const regular = await pdf.embedFont(fonts.regular, { subset: true });
  const bold = await pdf.embedFont(fonts.bold, { subset: true });
  const ink = rgb(0.11, 0.14, 0.15);
  const accent = rgb(0.12, 0.37, 0.36);
  page.drawRectangle({ x: 24, y: 24, width: 794, height: 547, borderColor: accent, borderWidth: 3 });
  const centre = (text: string, y: number, size: number, font = regular, color = ink) =>
    page.drawText(text, { x: (842 - font.widthOfTextAtSize(text, size)) / 2, y, size, font, color });
  centre(agencyName, 500, 16);
  centre("Certificate", 440, 40, bold, accent);
  centre("This certifies that", 390, 16);
  centre(officerName, 345, 32, bold);
  centre("has met every requirement of", 300, 16);
  centre(programTitle, 260, 24, bold);
  centre(`Issued ${formatDate(cert.issuedAt)} · valid until ${formatDate(cert.validUntil)}`, 200, 14);
  if (cert.validity !== "valid") centre(`Status: ${cert.validity.toUpperCase()}`, 170, 16, bold, rgb(0.64, 0.13, 0.13));
  centre(`Verification code ${cert.code}`, 110, 14, bold);
  centre(`Check it at ${verifyUrl}`, 88, 12);
  // A phone's camera opens the verification page, which also checks the signed credential.
  const { default: QRCode } = await import("qrcode");
  const qr = await pdf.embedPng(await QRCode.toBuffer(verifyUrl, { type: "png", margin: 1, width: 270 }));
  page.drawImage(qr, { x: 700, y: 44, width: 90, height: 90 });
  return { ok: true, pdf: await pdf.save() };
}
