// Certificates: the printable proof of a sign-off, and the public verification page's answer.
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { findSupervisedOfficer } from "../supervision/scope.server";
import { findProgram } from "./programs.server";

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
  return now >= row.validUntil ? "expired" : "valid";
}

const select = {
  id: true, officerId: true, programSlug: true, signedAt: true, validUntil: true, revokedAt: true, verificationCode: true,
  officer: { select: { name: true, agency: { select: { name: true } } } },
} as const;

function view(row: { id: string; programSlug: string; signedAt: Date; validUntil: Date; revokedAt: Date | null; verificationCode: string; officer: { name: string; agency: { name: string } } }, now = new Date()): CertificateView {
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
export async function certificateFor(viewer: SessionUser, signOffId: string): Promise<CertificateView | null> {
  const row = await prisma.signOff.findUnique({ where: { id: signOffId }, select });
  if (!row) return null;
  if (row.officerId !== viewer.id && !(await findSupervisedOfficer(viewer, row.officerId))) return null;
  return view(row);
}

/** What anyone may learn from a verification code: name, program, dates and current validity. */
export async function verifyCode(code: string) {
  const normalised = code.trim().toUpperCase();
  if (!/^[A-Z0-9]{5}-[A-Z0-9]{5}$/.test(normalised)) return null;
  const row = await prisma.signOff.findUnique({ where: { verificationCode: normalised }, select });
  if (!row) return null;
  const v = view(row);
  return { officerName: v.officerName, programTitle: v.programTitle, issuedAt: v.issuedAt, validUntil: v.validUntil, validity: v.validity };
}

function formatDate(date: Date): string {
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

export async function certificatePdf(cert: CertificateView, verifyUrl: string): Promise<Uint8Array> {
  // Loaded on first use, to keep it out of the server's start-up.
  const { PDFDocument, rgb, StandardFonts } = await import("pdf-lib");
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${cert.programTitle}: ${cert.officerName}`);
  pdf.setAuthor("Circlekeeper");
  const page = pdf.addPage([842, 595]);
  const serif = await pdf.embedFont(StandardFonts.TimesRoman);
  const bold = await pdf.embedFont(StandardFonts.TimesRomanBold);
  const ink = rgb(0.11, 0.14, 0.15);
  const accent = rgb(0.12, 0.37, 0.36);
  page.drawRectangle({ x: 24, y: 24, width: 794, height: 547, borderColor: accent, borderWidth: 3 });
  const centre = (text: string, y: number, size: number, font = serif, color = ink) =>
    page.drawText(text, { x: (842 - font.widthOfTextAtSize(text, size)) / 2, y, size, font, color });
  centre(cert.agencyName, 500, 16);
  centre("Certificate", 440, 40, bold, accent);
  centre("This certifies that", 390, 16);
  centre(cert.officerName, 345, 32, bold);
  centre("has met every requirement of", 300, 16);
  centre(cert.programTitle, 260, 24, bold);
  centre(`Issued ${formatDate(cert.issuedAt)} · valid until ${formatDate(cert.validUntil)}`, 200, 14);
  if (cert.validity !== "valid") centre(`Status: ${cert.validity.toUpperCase()}`, 170, 16, bold, rgb(0.64, 0.13, 0.13));
  centre(`Verification code ${cert.code}`, 110, 14, bold);
  centre(`Check it at ${verifyUrl}`, 88, 12);
  return pdf.save();
}
