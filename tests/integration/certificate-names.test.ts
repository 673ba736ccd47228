// Certificates for every name: the PDF draws names in any script its font covers (parsed back with pdf-lib to
// prove it is a sound document), and refuses with a clear 4xx (pointing to the printable page) what it cannot
// draw correctly: right-to-left writing, and letters the font does not have. Never a 500.
import { PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/db/db.server";
import { loader as certificateLoader } from "../../app/routes/certification.certificates.$id";
import { loader as pdfLoader } from "../../app/routes/certification.certificates.$id[.]pdf";
import { cookieFor, get, ORIGIN, run, seedOnce } from "../support/app";

let signOffId: string;
let officerId: string;
let cookie: string;

beforeAll(async () => {
  await seedOnce();
  // Aisha Johnson holds the demo's certificate; each test gives her another name.
  const signOff = await prisma.signOff.findFirstOrThrow({ where: { officer: { email: "a.johnson@example.org" } } });
  signOffId = signOff.id;
  officerId = signOff.officerId;
  cookie = await cookieFor("a.johnson@example.org");
});

async function certificateOf(name: string) {
  await prisma.user.update({ where: { id: officerId }, data: { name } });
  const page = await run(certificateLoader, get(`/certification/certificates/${signOffId}`, cookie), { id: signOffId });
  return { page, pdf: await pdfResponse() };
}

/** The PDF route's answer with its body as bytes (run() would read it as text). */
async function pdfResponse() {
  let response: Response;
  try {
    response = await pdfLoader({
      request: get(`/certification/certificates/${signOffId}.pdf`, cookie),
      params: { id: signOffId },
      context: {},
    });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    response = thrown;
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, text: new TextDecoder().decode(bytes) };
}

/** The base names of the fonts the PDF's page uses. */
function fontNames(doc: PDFDocument): string[] {
  const fonts = doc.getPage(0).node.Resources()!.lookup(PDFName.of("Font"), PDFDict);
  return fonts.entries().map(([, ref]) => String(doc.context.lookup(ref, PDFDict).get(PDFName.of("BaseFont"))));
}

describe("certificate PDF", () => {
  for (const [language, name] of [
    ["Vietnamese", "Thảo Nguyễn"],
    ["Vietnamese, decomposed", "Tha\u0309o Nguye\u0302\u0303n"],
    ["Polish", "Łukasz Wójcik"],
    ["Greek", "Ελένη Παπαδοπούλου"],
    ["Cyrillic", "Олена Шевченко"],
    ["Turkish and Icelandic", "Şükrü Þórsdóttir"],
  ] as const) {
    it(`is produced for a name in ${language} (${name}) and parses back`, async () => {
      const { page, pdf } = await certificateOf(name);
      expect(page.status).toBe(200);
      expect(page.data.pdfProblem).toBeNull();
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
      const doc = await PDFDocument.load(pdf.bytes);
      expect(doc.getPageCount()).toBe(1);
      expect(doc.getTitle()).toContain(name.normalize("NFC"));
      // DejaVu Sans and its bold, embedded (not the standard 14 fonts) and subset: the whole file is smaller
      // than one of the fonts.
      expect([...new Set(fontNames(doc))].sort()).toEqual([
        expect.stringMatching(/^\/DejaVuSans-\d+$/),
        expect.stringMatching(/^\/DejaVuSans-Bold-\d+$/),
      ]);
      expect(pdf.bytes.length).toBeLessThan(100_000);
    });
  }

  for (const [language, name] of [
    ["Arabic", "محمد عبد الله"],
    ["Hebrew", "נועה כהן"],
    ["mixed Latin and Arabic", "Omar عمر"],
  ] as const) {
    it(`refuses a name in ${language} (right to left) with a 422 that points to the printable page`, async () => {
      const { page, pdf } = await certificateOf(name);
      expect(page.status).toBe(200);
      expect(page.data.officerName).toBe(name);
      expect(page.data.pdfProblem).toMatch(/right to left/);
      expect(pdf.status).toBe(422);
      expect(pdf.headers.get("Content-Type")).toMatch(/^text\/plain/);
      expect(pdf.text).toMatch(/right to left/);
      expect(pdf.text).toContain(`${ORIGIN}/certification/certificates/${signOffId}`);
    });
  }

  it("refuses a name with letters its font does not have (Chinese), pointing to the printable page", async () => {
    const { page, pdf } = await certificateOf("王秀英");
    expect(page.data.pdfProblem).toMatch(/font/);
    expect(pdf.status).toBe(422);
    expect(pdf.text).toContain(`${ORIGIN}/certification/certificates/${signOffId}`);
  });
});
