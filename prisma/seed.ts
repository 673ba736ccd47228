// Demo data for a fresh install: one agency, three units, the five demo accounts and a few more officers.
// Every demo account's password is `circlekeeper-demo`.
import { hashPassword } from "../app/auth/password.server";
import { prisma } from "../app/db/db.server";

export const DEMO_PASSWORD = "circlekeeper-demo";

export async function seedDemo() {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await prisma.$transaction(async (tx) => {
    const agency = await tx.agency.create({ data: { name: "Riverside Police Department" } });
    const unit = async (name: string) => tx.unit.create({ data: { name, agencyId: agency.id } });
    const north = await unit("North Precinct");
    const south = await unit("South Precinct");
    const academy = await unit("Training Academy");
    const user = (email: string, name: string, role: string, unitId: string | null) =>
      tx.user.create({ data: { email, name, role, unitId, agencyId: agency.id, passwordHash } });
    await user("officer@example.org", "Alex Rivera", "officer", north.id);
    await user("officer2@example.org", "Sam Okoro", "officer", south.id);
    await user("trainer@example.org", "Jordan Ellis", "trainer", academy.id);
    await user("trainer2@example.org", "Priya Nair", "trainer", academy.id);
    const supervisor = await user("supervisor@example.org", "Morgan Hale", "supervisor", north.id);
    const supervisor2 = await user("supervisor2@example.org", "Dana Whitfield", "supervisor", south.id);
    await user("admin@example.org", "Casey Morgan", "admin", null);
    await tx.supervisedUnit.create({ data: { supervisorId: supervisor.id, unitId: north.id } });
    await tx.supervisedUnit.create({ data: { supervisorId: supervisor2.id, unitId: south.id } });
    const more: [string, string, string][] = [
      ["t.nguyen@example.org", "Thao Nguyen", north.id],
      ["m.garcia@example.org", "Miguel Garcia", north.id],
      ["a.johnson@example.org", "Aisha Johnson", north.id],
      ["l.kowalski@example.org", "Luke Kowalski", south.id],
      ["r.begay@example.org", "Rena Begay", south.id],
      ["d.osei@example.org", "Daniel Osei", south.id],
    ];
    for (const [email, name, unitId] of more) await user(email, name, "officer", unitId);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await seedDemo();
  console.log("Seeded the demo agency. Demo accounts use the password circlekeeper-demo.");
  await prisma.$disconnect();
}
