// The access-control matrix shared by tests/security/access-control.test.ts (seeded password users) and
// tests/security/access-control-sso.test.ts (users signed in through the agency's identity provider): the owner's
// records and other fixtures the routes are asked about, who may reach each route, and what a refusal looks like.
import crypto from "node:crypto";
import sharp from "sharp";
import { expect } from "vitest";
import { hashPassword } from "../../app/auth/password.server";
import { submitCaseStudy } from "../../app/certification/case-studies.server";
import { CaseStudyInput } from "../../app/certification/case-study";
import { recordObservation } from "../../app/certification/observations.server";
import { reviewPracticum, submitPracticum } from "../../app/certification/practicum.server";
import { newVerificationCode } from "../../app/certification/sign-off.server";
import { issueCredential } from "../../app/credentials/credentials.server";
import { prisma } from "../../app/db/db.server";
import { reencodeImage, writeImage } from "../../app/media/image-store.server";
import { findModule } from "../../app/modules/catalog.server";
import * as splat from "../../app/routes/$";
import * as didDocument from "../../app/routes/[.well-known].did[.]json";
import * as jwks from "../../app/routes/[.well-known].jwks[.]json";
import * as home from "../../app/routes/_index";
import * as accountNotifications from "../../app/routes/account.notifications";
import * as accountPassword from "../../app/routes/account.password";
import * as accountSecurity from "../../app/routes/account.security";
import * as adminEmail from "../../app/routes/admin.email";
import * as adminLearningRecords from "../../app/routes/admin.learning-records";
import * as adminSignIn from "../../app/routes/admin.sign-in";
import * as adminUsers from "../../app/routes/admin.users";
import * as assessments from "../../app/routes/assessments._index";
import * as caseStudyReview from "../../app/routes/case-studies";
import * as certification from "../../app/routes/certification._index";
import * as caseStudies from "../../app/routes/certification.case-studies";
import * as certificate from "../../app/routes/certification.certificates.$id";
import * as certificateJson from "../../app/routes/certification.certificates.$id[.]json";
import * as certificateJwt from "../../app/routes/certification.certificates.$id[.]jwt";
import * as certificatePdf from "../../app/routes/certification.certificates.$id[.]pdf";
import * as cpd from "../../app/routes/certification.cpd";
import * as credentialAchievement from "../../app/routes/credentials.achievements.$programSlug";
import * as credentialIssuer from "../../app/routes/credentials.issuers.$agencyId";
import * as credentialStatus from "../../app/routes/credentials.status.$agencyId";
import * as healthcheck from "../../app/routes/healthcheck";
import * as login from "../../app/routes/login";
import * as loginEnrol from "../../app/routes/login_.enrol";
import * as loginVerify from "../../app/routes/login_.verify";
import * as logout from "../../app/routes/logout";
import * as mediaImage from "../../app/routes/media.images.$file";
import * as moduleRoute from "../../app/routes/modules.$slug";
import * as modules from "../../app/routes/modules._index";
import * as notifications from "../../app/routes/notifications";
import * as observation from "../../app/routes/observations.$observationId";
import * as observations from "../../app/routes/observations._index";
import * as observationAgreement from "../../app/routes/observations.agreement";
import * as observationNew from "../../app/routes/observations.new";
import * as preTest from "../../app/routes/pre-test.$slug";
import * as scenario from "../../app/routes/scenarios.$slug._index";
import * as attempt from "../../app/routes/scenarios.$slug.attempts.$attemptId";
import * as scenarios from "../../app/routes/scenarios._index";
import * as siteSearch from "../../app/routes/search";
import * as signedOut from "../../app/routes/signed-out";
import * as studio from "../../app/routes/studio._index";
import * as studioCommunityDraft from "../../app/routes/studio.community.$draftId";
import * as studioCommunity from "../../app/routes/studio.community._index";
import * as studioDraft from "../../app/routes/studio.drafts.$draftId";
import * as studioDraftMdx from "../../app/routes/studio.drafts.$draftId[.]mdx";
import * as studioModule from "../../app/routes/studio.modules.$slug._index";
import * as studioModuleVersion from "../../app/routes/studio.modules.$slug.versions.$number";
import * as studioModuleVersionMdx from "../../app/routes/studio.modules.$slug.versions.$number[.]mdx";
import * as studioScenario from "../../app/routes/studio.scenarios.$slug._index";
import * as studioAnalytics from "../../app/routes/studio.scenarios.$slug.analytics";
import * as studioPlaytest from "../../app/routes/studio.scenarios.$slug.playtest";
import * as studioVersion from "../../app/routes/studio.scenarios.$slug.versions.$number";
import * as roster from "../../app/routes/supervisor._index";
import * as attemptsCsv from "../../app/routes/supervisor.attempts[.]csv";
import * as audit from "../../app/routes/supervisor.audit";
import * as impact from "../../app/routes/supervisor.impact";
import * as impactCsv from "../../app/routes/supervisor.impact[.]csv";
import * as insight from "../../app/routes/supervisor.insight";
import * as officerRecord from "../../app/routes/supervisor.officers.$officerId._index";
import * as officerAttempt from "../../app/routes/supervisor.officers.$officerId.attempts.$attemptId";
import * as rosterCsv from "../../app/routes/supervisor.roster[.]csv";
import * as survey from "../../app/routes/survey.$kind.$slug";
import * as verify from "../../app/routes/verify.$code";
import * as verifyCredential from "../../app/routes/verify._index";
import * as xapiProfile from "../../app/routes/xapi.profile";
import { startOrResume } from "../../app/scenarios/attempts.server";
import { loadVersion } from "../../app/scenarios/library.server";
import { requestCommunityReview } from "../../app/studio/community-review.server";
import { createDraft, draftSourceHash } from "../../app/studio/drafts.server";
import { MODULE_TEMPLATE } from "../../app/studio/templates";
import { createUser } from "../../app/users/users.server";
import { seedOnce } from "./app";
import { observationFields, scoringFields } from "./observations";
import { REFLECTIVE_LOG } from "./practicum";
import { ROLE_EMAILS, ROLE_NAMES, sessionUserOf, type RoleName } from "./security";

/** The owner's records and other things the routes are asked about; filled in beforeAll. */
export interface Fixtures {
  ownerId: string;
  ownerEmail: string;
  ownerName: string;
  ownerAgencyId: string;
  openAttemptId: string;
  openAttemptSlug: string;
  openAttemptFirstChoice: string;
  completedAttemptId: string;
  completedAttemptSlug: string;
  certificateId: string;
  certificateCode: string;
  certificateComment: string;
  practicumToConfirm: string;
  practicumToReturn: string;
  practicumOutcome: string; // unique text in the owner's practicum log
  confirmComment: string; // unique text in the owner's audit trail
  unitlessEmail: string; // an agency audit entry with no unit (a user created without one)
  moduleSlug: string;
  bystanderId: string; // an officer of the owner's unit whose role and unit the admin form may change
  otherUnitId: string;
  versionId: string; // the latest published version of burglary-dialogue
  moduleVersionId: string; // the latest published version of what-is-restoration
  draftId: string; // a scenario draft by the trainer
  moduleDraftId: string; // a module draft by the trainer
  flaggedDraftId: string; // a scenario draft by the trainer, flagged for community review
  flaggedDraftTitle: string;
  flaggedDraftHash: string; // the hash of its text, which the community review form sends back
  failedAssessmentId: string; // the seeded failed assessed attempt of Marcus Reed (North), waiting for a retake decision
  observationId: string; // an observation of the owner recorded by the supervisor (an assessor); the trainer may score it second
  assessorToWithdraw: string; // a seeded assessor (trainer2) whose grant the admin form may withdraw
  caseStudyId: string; // a submitted case study of the owner's, waiting for an assessor
  caseStudyTitle: string;
  imageHash: string; // a stored portrait (any signed-in person may fetch images: published versions show them)
}
export const f = {} as Fixtures;

export type Roles = readonly RoleName[];
export const SIGNED_IN: Roles = ROLE_NAMES.filter((r) => r !== "anonymous");
/** The police side: everyone signed in but the community reviewer, who sees only the home page, the password
 *  page and the community review pages (docs/decisions/0180-community-review.md). */
export const POLICE: Roles = SIGNED_IN.filter((r) => r !== "communityReviewer");
export const COMMUNITY: Roles = ["communityReviewer"];
export const EVERYONE: Roles = ROLE_NAMES;
export const OFFICERS: Roles = ["owner", "sameUnitOfficer", "otherUnitOfficer"];
export const SUPERVISING: Roles = ["supervisor", "otherUnitSupervisor", "admin", "otherAgencyAdmin"];
/** The studio: trainers and admins. The published library is the platform's; drafts are an agency's. */
export const STUDIO: Roles = ["trainer", "admin", "otherAgencyAdmin"];
/** The trainer's drafts: the agency's trainers and admins (docs/decisions/0121-studio-agency-scoping.md). */
export const AGENCY_STUDIO: Roles = ["trainer", "admin"];
/** Those who may see the owner's records: the owner, a supervisor of the owner's unit, the agency's admin. */
export const OWNER_SIDE: Roles = ["owner", "supervisor", "admin"];
/** Assessors (seeded grants): the supervisor of the owner's unit and the trainer; the other unit's supervisor has none. */
export const ASSESSORS: Roles = ["trainer", "supervisor"];

export type Handler = (args: never) => unknown;
export interface ActionCase {
  name: string;
  fields: (f: Fixtures) => Record<string, string>;
  /** Who may use it; everyone else is refused and nothing changes. */
  allow: Roles;
  /** The allowed role that is run first and must change the database. */
  proof: RoleName;
}
export interface RouteCase {
  file: string; // in app/routes
  route: { loader?: Handler; action?: Handler };
  url: (f: Fixtures) => string;
  params?: (f: Fixtures) => Record<string, string>;
  /** Who gets a 200 (or, for `public` routes, any answer below 400); everyone else is refused. */
  ok: Roles;
  /** Of `ok`, who may see the owner's records; the others get a page without any of them. */
  see?: Roles;
  /** Text only `see` roles get: proves the page really holds the owner's data. */
  marker?: (f: Fixtures) => string;
  /** Text nobody gets, not even `see` roles (what a public page must never show). */
  neverShows?: (f: Fixtures) => string[];
  public?: true;
  actions?: ActionCase[];
}

// One line (or one entry) per route file. Adding a route: add its entry here; the completeness test
// below fails until every file in app/routes has one.
export const ROUTES: RouteCase[] = [
  // Charts of the units a supervisor supervises (admins: the agency); the owner's unit is North Precinct.
  { file: "supervisor.insight.tsx", route: insight, url: () => "/supervisor/insight", ok: SUPERVISING },
  { file: "supervisor.impact.tsx", route: impact, url: () => "/supervisor/impact", ok: SUPERVISING },
  { file: "supervisor.impact[.]csv.tsx", route: impactCsv, url: () => "/supervisor/impact.csv", ok: SUPERVISING },
  // Officers take a module's pre-test and answer the survey after a module or role-play they finished.
  {
    file: "pre-test.$slug.tsx",
    route: preTest,
    url: (f) => `/pre-test/${f.moduleSlug}`,
    params: (f) => ({ slug: f.moduleSlug }),
    ok: OFFICERS,
  },
  {
    file: "survey.$kind.$slug.tsx",
    route: survey,
    url: (f) => `/survey/module/${f.moduleSlug}`,
    params: (f) => ({ kind: "module", slug: f.moduleSlug }),
    ok: OFFICERS,
  },
  { file: "$.tsx", route: splat, url: () => "/no/such/page", ok: [], public: true },
  { file: "_index.tsx", route: home, url: () => "/", ok: SIGNED_IN },
  { file: "account.password.tsx", route: accountPassword, url: () => "/account/password", ok: SIGNED_IN },
  {
    file: "account.notifications.tsx",
    route: accountNotifications,
    url: () => "/account/notifications",
    ok: SIGNED_IN,
    actions: [{ name: "choose e-mail", fields: () => ({ email: "weekly_digest" }), allow: SIGNED_IN, proof: "owner" }],
  },
  { file: "account.security.tsx", route: accountSecurity, url: () => "/account/security", ok: SIGNED_IN },
  {
    file: "admin.email.tsx",
    route: adminEmail,
    url: () => "/admin/email",
    ok: ["admin", "otherAgencyAdmin"],
    actions: [
      {
        name: "mail server",
        fields: () => ({ host: "smtp.example.org", port: "587", fromAddress: "training@example.org" }),
        allow: ["admin", "otherAgencyAdmin"],
        proof: "admin",
      },
    ],
  },
  {
    file: "admin.learning-records.tsx",
    route: adminLearningRecords,
    url: () => "/admin/learning-records",
    ok: ["admin", "otherAgencyAdmin"],
  },
  { file: "admin.sign-in.tsx", route: adminSignIn, url: () => "/admin/sign-in", ok: ["admin", "otherAgencyAdmin"] },
  { file: "xapi.profile.tsx", route: xapiProfile, url: () => "/xapi/profile", ok: EVERYONE, public: true },
  { file: "login_.enrol.tsx", route: loginEnrol, url: () => "/login/enrol", ok: EVERYONE, public: true },
  { file: "login_.verify.tsx", route: loginVerify, url: () => "/login/verify", ok: EVERYONE, public: true },
  { file: "notifications.tsx", route: notifications, url: () => "/notifications", ok: SIGNED_IN },
  { file: "signed-out.tsx", route: signedOut, url: () => "/signed-out", ok: EVERYONE, public: true },
  {
    file: "media.images.$file.tsx",
    route: mediaImage,
    url: (f) => `/media/images/${f.imageHash}.webp`,
    params: (f) => ({ file: `${f.imageHash}.webp` }),
    ok: SIGNED_IN,
  },
  {
    file: "admin.users.tsx",
    route: adminUsers,
    url: () => "/admin/users?q=nguyen",
    ok: ["admin", "otherAgencyAdmin"],
    see: ["admin"],
    marker: (f) => f.ownerEmail,
    actions: [
      {
        name: "reset-password",
        fields: (f) => ({ intent: "reset-password", userId: f.ownerId, password: "a-fresh-long-password" }),
        allow: ["admin"],
        proof: "admin",
      },
      {
        name: "update",
        fields: (f) => ({ intent: "update", userId: f.bystanderId, role: "officer", unitId: f.otherUnitId }),
        allow: ["admin"],
        proof: "admin",
      },
      {
        name: "grant",
        fields: (f) => ({
          intent: "grant",
          userId: f.assessorToWithdraw,
          permission: "observations:record",
          held: "no",
        }),
        allow: ["admin"],
        proof: "admin",
      },
    ],
  },
  {
    // Retake decisions: trainers and admins for the agency, supervisors for their units (Marcus Reed is North's).
    file: "assessments._index.tsx",
    route: assessments,
    url: () => "/assessments",
    ok: ["trainer", ...SUPERVISING],
    see: ["trainer", "supervisor", "admin"],
    marker: () => "Marcus Reed",
    actions: [
      {
        name: "authorize",
        fields: (f) => ({
          intent: "authorize",
          attemptId: f.failedAssessmentId,
          comment: "Discussed the debrief; one more attempt is fair.",
        }),
        allow: ["trainer", "supervisor", "admin"],
        proof: "supervisor",
      },
    ],
  },
  {
    file: "certification._index.tsx",
    route: certification,
    url: () => "/certification",
    ok: OFFICERS,
    see: ["owner"],
    marker: (f) => f.practicumOutcome,
    actions: [{ name: "log practicum", fields: () => practicumFields(), allow: OFFICERS, proof: "owner" }],
  },
  {
    file: "certification.cpd.tsx",
    route: cpd,
    url: () => "/certification/cpd",
    ok: OFFICERS,
    actions: [
      {
        name: "log cpd",
        fields: () => ({
          submissionKey: crypto.randomUUID(),
          date: "2026-10-01",
          hours: "1.5",
          activity: "Security-check reading on circles",
          evidence: "Reading notes kept.",
        }),
        allow: OFFICERS,
        proof: "owner",
      },
    ],
  },
  {
    file: "certification.case-studies.tsx",
    route: caseStudies,
    url: () => "/certification/case-studies",
    ok: OFFICERS,
    see: ["owner"],
    marker: (f) => f.caseStudyTitle,
    actions: [
      {
        name: "submit case study",
        fields: () => caseStudyFields("A case study written in the matrix"),
        allow: OFFICERS,
        proof: "owner",
      },
    ],
  },
  {
    // Review: assessors in scope (the owner's unit supervisor, the agency's trainer); the same decision twice changes nothing.
    file: "case-studies.tsx",
    route: caseStudyReview,
    url: () => "/case-studies",
    ok: ASSESSORS,
    marker: (f) => f.caseStudyTitle,
    actions: [
      {
        name: "accept",
        fields: (f) => ({ intent: "accept", caseStudyId: f.caseStudyId }),
        allow: ASSESSORS,
        proof: "supervisor",
      },
    ],
  },
  {
    file: "certification.certificates.$id.tsx",
    route: certificate,
    url: (f) => `/certification/certificates/${f.certificateId}`,
    params: (f) => ({ id: f.certificateId }),
    ok: OWNER_SIDE,
    see: OWNER_SIDE,
    marker: (f) => f.certificateCode,
  },
  {
    file: "certification.certificates.$id[.]pdf.tsx",
    route: certificatePdf,
    url: (f) => `/certification/certificates/${f.certificateId}.pdf`,
    params: (f) => ({ id: f.certificateId }),
    ok: OWNER_SIDE,
    see: OWNER_SIDE,
    marker: () => "%PDF-",
  },
  {
    file: "certification.certificates.$id[.]jwt.tsx",
    route: certificateJwt,
    url: (f) => `/certification/certificates/${f.certificateId}.jwt`,
    params: (f) => ({ id: f.certificateId }),
    ok: OWNER_SIDE,
    see: OWNER_SIDE,
    marker: () => "eyJ",
  },
  {
    file: "certification.certificates.$id[.]json.tsx",
    route: certificateJson,
    url: (f) => `/certification/certificates/${f.certificateId}.json`,
    params: (f) => ({ id: f.certificateId }),
    ok: OWNER_SIDE,
    see: OWNER_SIDE,
    marker: () => "EnvelopedVerifiableCredential",
  },
  // Public on purpose: what a verifier needs to check a credential without an account (keys, issuer, achievement,
  // revocation list) and the page that checks one. None of them names an officer.
  {
    file: "[.well-known].did[.]json.tsx",
    route: didDocument,
    url: () => "/.well-known/did.json",
    ok: EVERYONE,
    public: true,
  },
  {
    file: "[.well-known].jwks[.]json.tsx",
    route: jwks,
    url: () => "/.well-known/jwks.json",
    ok: EVERYONE,
    public: true,
  },
  {
    file: "credentials.status.$agencyId.tsx",
    route: credentialStatus,
    url: (f) => `/credentials/status/${f.ownerAgencyId}`,
    params: (f) => ({ agencyId: f.ownerAgencyId }),
    ok: EVERYONE,
    public: true,
    neverShows: (f) => [f.ownerName, f.ownerEmail],
  },
  {
    file: "credentials.issuers.$agencyId.tsx",
    route: credentialIssuer,
    url: (f) => `/credentials/issuers/${f.ownerAgencyId}`,
    params: (f) => ({ agencyId: f.ownerAgencyId }),
    ok: EVERYONE,
    public: true,
  },
  {
    file: "credentials.achievements.$programSlug.tsx",
    route: credentialAchievement,
    url: () => "/credentials/achievements/facilitator-level-1",
    params: () => ({ programSlug: "facilitator-level-1" }),
    ok: EVERYONE,
    public: true,
  },
  { file: "verify._index.tsx", route: verifyCredential, url: () => "/verify", ok: EVERYONE, public: true },
  { file: "healthcheck.tsx", route: healthcheck, url: () => "/healthcheck", ok: EVERYONE, public: true },
  { file: "login.tsx", route: login, url: () => "/login", ok: EVERYONE, public: true },
  { file: "logout.tsx", route: logout, url: () => "/logout", ok: EVERYONE, public: true },
  {
    file: "modules.$slug.tsx",
    route: moduleRoute,
    url: (f) => `/modules/${f.moduleSlug}`,
    params: (f) => ({ slug: f.moduleSlug }),
    ok: POLICE,
    actions: [
      { name: "anchor", fields: () => ({ intent: "anchor", anchor: "security-check" }), allow: POLICE, proof: "owner" },
    ],
  },
  { file: "modules._index.tsx", route: modules, url: () => "/modules", ok: POLICE },
  {
    file: "scenarios.$slug._index.tsx",
    route: scenario,
    url: () => "/scenarios/burglary-dialogue",
    params: () => ({ slug: "burglary-dialogue" }),
    ok: POLICE,
    actions: [{ name: "start", fields: () => ({ intent: "start" }), allow: POLICE, proof: "owner" }],
  },
  {
    file: "scenarios.$slug.attempts.$attemptId.tsx",
    route: attempt,
    url: (f) => `/scenarios/${f.openAttemptSlug}/attempts/${f.openAttemptId}`,
    params: (f) => ({ slug: f.openAttemptSlug, attemptId: f.openAttemptId }),
    ok: ["owner"],
    see: ["owner"],
    marker: (f) => f.openAttemptFirstChoice,
    actions: [
      {
        name: "choose",
        fields: (f) => ({ intent: "choose", choiceId: f.openAttemptFirstChoice, position: "0" }),
        allow: ["owner"],
        proof: "owner",
      },
      { name: "leave", fields: () => ({ intent: "leave" }), allow: ["owner"], proof: "owner" },
    ],
  },
  { file: "scenarios._index.tsx", route: scenarios, url: () => "/scenarios", ok: POLICE, see: ["owner"] },
  // The site search finds officers only for those who supervise them: "nguyen" finds the owner (Thao Nguyen).
  {
    file: "search.tsx",
    route: siteSearch,
    url: () => "/search?q=nguyen",
    ok: POLICE,
    see: ["supervisor", "admin"],
    marker: (f) => f.ownerName,
  },
  {
    file: "observations._index.tsx",
    route: observations,
    url: () => "/observations",
    ok: ASSESSORS,
    marker: (f) => f.ownerName,
  },
  {
    file: "observations.new.tsx",
    route: observationNew,
    url: () => "/observations/new",
    ok: ASSESSORS,
    marker: (f) => f.ownerName,
    actions: [
      {
        name: "record",
        fields: (f) => observationFields(f.ownerId, ["competent"], "matrix"),
        allow: ASSESSORS,
        proof: "supervisor",
      },
    ],
  },
  {
    // The trainer sees the page blind (no levels; tests/integration/observations.test.ts), but sees whose it is.
    file: "observations.$observationId.tsx",
    route: observation,
    url: (f) => `/observations/${f.observationId}`,
    params: (f) => ({ observationId: f.observationId }),
    ok: ["owner", ...ASSESSORS, "admin"],
    marker: (f) => f.ownerName,
    actions: [
      {
        name: "respond",
        fields: () => ({ intent: "respond", response: "I agree with most of it and will work on my opening." }),
        allow: ["owner"],
        proof: "owner",
      },
      // The supervisor recorded it, so is refused (409: already scored); only the trainer may add the second scoring.
      {
        name: "score",
        fields: () => ({ intent: "score", ...scoringFields(["developing"], "matrix") }),
        allow: ["trainer"],
        proof: "trainer",
      },
    ],
  },
  {
    file: "observations.agreement.tsx",
    route: observationAgreement,
    url: () => "/observations/agreement",
    ok: [...ASSESSORS, "otherUnitSupervisor", "admin", "otherAgencyAdmin"],
  },
  {
    file: "supervisor._index.tsx",
    route: roster,
    url: () => "/supervisor",
    ok: SUPERVISING,
    see: ["supervisor", "admin"],
    marker: (f) => f.ownerEmail,
  },
  {
    file: "supervisor.attempts[.]csv.tsx",
    route: attemptsCsv,
    url: () => "/supervisor/attempts.csv",
    ok: SUPERVISING,
    see: ["supervisor", "admin"],
    marker: (f) => f.ownerEmail,
  },
  {
    file: "supervisor.audit.tsx",
    route: audit,
    url: () => "/supervisor/audit",
    ok: SUPERVISING,
    see: ["supervisor", "admin"],
    marker: (f) => f.confirmComment,
  },
  {
    file: "supervisor.officers.$officerId._index.tsx",
    route: officerRecord,
    url: (f) => `/supervisor/officers/${f.ownerId}`,
    params: (f) => ({ officerId: f.ownerId }),
    ok: ["supervisor", "admin"],
    see: ["supervisor", "admin"],
    marker: (f) => f.ownerEmail,
    actions: [
      {
        name: "confirm-practicum",
        fields: (f) => ({ intent: "confirm-practicum", entryId: f.practicumToConfirm, comment: "Seen and confirmed." }),
        allow: ["supervisor", "admin"],
        proof: "supervisor",
      },
      {
        name: "return-practicum",
        fields: (f) => ({
          intent: "return-practicum",
          entryId: f.practicumToReturn,
          comment: "Please add the date of the follow-up.",
        }),
        allow: ["supervisor", "admin"],
        proof: "supervisor",
      },
      {
        name: "sign-off",
        fields: () => ({
          intent: "sign-off",
          program: "facilitator-level-1",
          comment: "All requirements met and observed.",
        }),
        allow: ["supervisor", "admin"],
        proof: "supervisor",
      },
      {
        name: "revoke",
        fields: (f) => ({ intent: "revoke", signOffId: f.certificateId, reason: "Revoked to test who may revoke." }),
        allow: ["supervisor", "admin"],
        proof: "supervisor",
      },
    ],
  },
  {
    file: "supervisor.officers.$officerId.attempts.$attemptId.tsx",
    route: officerAttempt,
    url: (f) => `/supervisor/officers/${f.ownerId}/attempts/${f.completedAttemptId}`,
    params: (f) => ({ officerId: f.ownerId, attemptId: f.completedAttemptId }),
    ok: ["supervisor", "admin"],
    see: ["supervisor", "admin"],
    marker: (f) => f.ownerName,
  },
  {
    file: "supervisor.roster[.]csv.tsx",
    route: rosterCsv,
    url: () => "/supervisor/roster.csv",
    ok: SUPERVISING,
    see: ["supervisor", "admin"],
    marker: (f) => f.ownerEmail,
  },
  {
    file: "verify.$code.tsx",
    route: verify,
    url: (f) => `/verify/${f.certificateCode}`,
    params: (f) => ({ code: f.certificateCode }),
    ok: EVERYONE,
    see: EVERYONE,
    public: true,
    marker: (f) => f.ownerName,
    neverShows: (f) => [f.ownerEmail, f.ownerId, f.certificateId, f.certificateComment],
  },
  {
    file: "studio._index.tsx",
    route: studio,
    url: () => "/studio",
    ok: STUDIO,
    actions: [
      { name: "new draft", fields: () => ({ intent: "new", kind: "scenario" }), allow: STUDIO, proof: "trainer" },
    ],
  },
  {
    file: "studio.scenarios.$slug._index.tsx",
    route: studioScenario,
    url: () => "/studio/scenarios/burglary-dialogue",
    params: () => ({ slug: "burglary-dialogue" }),
    ok: STUDIO,
    actions: [
      { name: "copy", fields: (f) => ({ intent: "copy", versionId: f.versionId }), allow: STUDIO, proof: "trainer" },
    ],
  },
  {
    file: "studio.modules.$slug._index.tsx",
    route: studioModule,
    url: () => "/studio/modules/what-is-restoration",
    params: () => ({ slug: "what-is-restoration" }),
    ok: STUDIO,
    actions: [
      {
        name: "copy module",
        fields: (f) => ({ intent: "copy", versionId: f.moduleVersionId }),
        allow: STUDIO,
        proof: "trainer",
      },
    ],
  },
  {
    file: "studio.modules.$slug.versions.$number.tsx",
    route: studioModuleVersion,
    url: () => "/studio/modules/what-is-restoration/versions/1",
    params: () => ({ slug: "what-is-restoration", number: "1" }),
    ok: STUDIO,
  },
  {
    file: "studio.modules.$slug.versions.$number[.]mdx.tsx",
    route: studioModuleVersionMdx,
    url: () => "/studio/modules/what-is-restoration/versions/1.mdx",
    params: () => ({ slug: "what-is-restoration", number: "1" }),
    ok: STUDIO,
  },
  {
    file: "studio.scenarios.$slug.analytics.tsx",
    route: studioAnalytics,
    url: () => "/studio/scenarios/burglary-dialogue/analytics",
    params: () => ({ slug: "burglary-dialogue" }),
    ok: STUDIO,
  },
  {
    file: "studio.scenarios.$slug.playtest.tsx",
    route: studioPlaytest,
    url: () => "/studio/scenarios/burglary-dialogue/playtest",
    params: () => ({ slug: "burglary-dialogue" }),
    ok: STUDIO,
  },
  {
    file: "studio.scenarios.$slug.versions.$number.tsx",
    route: studioVersion,
    url: () => "/studio/scenarios/burglary-dialogue/versions/1",
    params: () => ({ slug: "burglary-dialogue", number: "1" }),
    ok: STUDIO,
  },
  {
    file: "studio.drafts.$draftId.tsx",
    route: studioDraft,
    url: (f) => `/studio/drafts/${f.draftId}`,
    params: (f) => ({ draftId: f.draftId }),
    ok: AGENCY_STUDIO,
    actions: [
      {
        name: "save",
        fields: () => ({ intent: "save", source: "slug: edited-by-test" }),
        allow: AGENCY_STUDIO,
        proof: "trainer",
      },
      {
        name: "request-community-review",
        fields: () => ({ intent: "request-community-review" }),
        allow: AGENCY_STUDIO,
        proof: "trainer",
      },
    ],
  },
  // Community review: only the community reviewer, and only the flagged drafts of their agency.
  {
    file: "studio.community._index.tsx",
    route: studioCommunity,
    url: () => "/studio/community",
    ok: COMMUNITY,
    marker: (f) => f.flaggedDraftTitle,
  },
  {
    file: "studio.community.$draftId.tsx",
    route: studioCommunityDraft,
    url: (f) => `/studio/community/${f.flaggedDraftId}`,
    params: (f) => ({ draftId: f.flaggedDraftId }),
    ok: COMMUNITY,
    marker: (f) => f.flaggedDraftHash,
    actions: [
      {
        name: "record",
        fields: (f) => communityReviewFields(f.flaggedDraftHash),
        allow: COMMUNITY,
        proof: "communityReviewer",
      },
    ],
  },
  {
    file: "studio.drafts.$draftId[.]mdx.tsx",
    route: studioDraftMdx,
    url: (f) => `/studio/drafts/${f.moduleDraftId}.mdx`,
    params: (f) => ({ draftId: f.moduleDraftId }),
    ok: AGENCY_STUDIO,
    marker: () => "knowledgeCheck",
  },
];

// Every route is in the table but these. The studio's live validation has no loader, and its action writes
// nothing, so the "an allowed role changes the database" proof cannot apply; who may call it is tested in
// tests/integration/studio.test.ts ("refuses officers and supervisors on every studio page and action").
// The passkey ceremonies (action-only, JSON in a form field) and the OpenID Connect start and callback (which
// answer 400/403 to everyone until a provider is configured) are tested against a real provider and a virtual
// authenticator in tests/integration/sso.test.ts, tests/integration/mfa.test.ts and tests/security/sso-sessions.test.ts.
// The bench's bare page (healthcheck_.page) has neither loader nor action: there is nothing of anyone's to guard.
export const NOT_YET_IN_MATRIX =
  /^(studio\.validate|healthcheck_\.page|account\.passkeys|login_\.passkey|auth\.oidc\.start|auth\.oidc\.callback)\.tsx$/;

function communityReviewFields(reviewedHash: string): Record<string, string> {
  const fields: Record<string, string> = { reviewedHash, decision: "no_concerns", comment: "Nothing to add." };
  for (const item of ["retraumatizing", "stereotypes", "unsafeAdvice", "victimVoice"])
    Object.assign(fields, { [item]: "none", [`${item}Note`]: "" });
  return fields;
}

function practicumFields(): Record<string, string> {
  return {
    date: "2026-01-15",
    kind: "circle",
    processType: "Restorative circle",
    role: "Co-facilitator",
    participantCount: "6",
    outcome: "Circle held; agreement reached.",
    ...REFLECTIVE_LOG,
    submissionKey: crypto.randomUUID(),
  };
}

function caseStudyFields(title: string): Record<string, string> {
  return {
    submissionKey: crypto.randomUUID(),
    title,
    narrative: "A neighbor dispute over a damaged fence; both households agreed to meet after separate pre-meetings.",
    whatIDid: "Held the pre-meetings, then led the joint meeting at the community center.",
    whatILearned: "Agreeing the seating in advance kept the opening calm.",
    "justify-process": "I followed the preparation steps and checked each household was ready before the meeting.",
  };
}

/** Strings of the owner's (and the agency's) that a refused or scoped answer must never contain. */
export function secrets(): string[] {
  return [
    f.ownerEmail,
    f.ownerName,
    f.practicumOutcome,
    f.confirmComment,
    f.certificateCode,
    f.unitlessEmail,
    f.caseStudyTitle,
  ];
}

/** Seeds the demo agency once and fills in `f`: the owner's records and the other things the routes are asked about. */
export async function setupFixtures(): Promise<void> {
  await seedOnce();
  const owner = await sessionUserOf(ROLE_EMAILS.owner);
  const supervisor = await sessionUserOf(ROLE_EMAILS.supervisor);
  const admin = await sessionUserOf(ROLE_EMAILS.admin);
  const tag = crypto.randomBytes(4).toString("hex");

  // Another agency with its own admin.
  const elsewhere = await prisma.agency.create({
    data: { name: "Elsewhere PD", units: { create: { name: "Elsewhere Unit" } } },
  });
  await prisma.user.create({
    data: {
      email: ROLE_EMAILS.otherAgencyAdmin,
      name: "Elsewhere Admin",
      role: "admin",
      agencyId: elsewhere.id,
      unitId: null,
      passwordHash: await hashPassword("elsewhere-admin-password"),
    },
  });
  // An audit entry of this agency with no unit: a trainer created without one.
  const unitlessEmail = `unitless-${tag}@example.org`;
  await createUser(admin, {
    name: `Unitless Trainer ${tag}`,
    email: unitlessEmail,
    role: "trainer",
    unitId: null,
    password: "unitless-long-password",
    mustChangePassword: false,
  });

  // The owner's practicum: two confirmed (so the owner is ready for sign-off), two waiting for review.
  const practicumOutcome = `Outcome-${tag}: agreement kept`;
  const confirmComment = `Confirmed-${tag} after observation`;
  const entry = async (outcome: string) =>
    (
      await submitPracticum(owner, {
        date: "2026-01-10",
        kind: "joint-meeting",
        processType: "Victim-offender dialogue",
        role: "Co-facilitator",
        participantCount: 4,
        outcome,
        ...REFLECTIVE_LOG,
        submissionKey: crypto.randomUUID(),
      })
    ).id;
  for (const n of [1, 2])
    await reviewPracticum(supervisor, await entry(`${practicumOutcome} ${n}`), "confirm", confirmComment);
  const practicumToConfirm = await entry("Waiting for review (confirm)");
  const practicumToReturn = await entry("Waiting for review (return)");

  // A certificate of the owner's (level 2, signed directly: its evidence does not matter here).
  const certificateComment = `Signed-${tag} on the evidence`;
  const signedAt = new Date(Date.now() - 10 * 24 * 60 * 60 * 1000);
  const cert = await prisma.signOff.create({
    data: {
      officerId: owner.id,
      programSlug: "facilitator-level-2",
      supervisorId: supervisor.id,
      comment: certificateComment,
      signedAt,
      validUntil: new Date(signedAt.getTime() + 700 * 24 * 60 * 60 * 1000),
      kind: "initial",
      evidence: "[]",
      verificationCode: newVerificationCode(),
    },
  });
  // Made without the sign-off form, so its credential is issued here (as the start-up does for such rows).
  await prisma.$transaction((tx) => issueCredential(tx, cert.id, new Date()));

  // An attempt in progress and a completed one (from the demo seed).
  const open = await startOrResume(owner, "school-circle");
  const openRow = await prisma.attempt.findUniqueOrThrow({ where: { id: open!.attemptId } });
  const version = await loadVersion(openRow.scenarioVersionId);
  const completed = await prisma.attempt.findFirstOrThrow({ where: { userId: owner.id, status: "completed" } });

  const trainer = await sessionUserOf(ROLE_EMAILS.trainer);
  const latest = await prisma.scenarioVersion.findFirstOrThrow({
    where: { scenarioSlug: "burglary-dialogue" },
    orderBy: { number: "desc" },
  });
  const draft = await createDraft(trainer, "scenario", { versionId: latest.id });
  await findModule("what-is-restoration"); // imports content/modules as versions
  const moduleVersion = await prisma.moduleVersion.findFirstOrThrow({
    where: { moduleSlug: "what-is-restoration" },
    orderBy: { number: "desc" },
  });
  const moduleDraft = await createDraft(trainer, "module", { source: MODULE_TEMPLATE });
  const flagged = await createDraft(trainer, "scenario", { versionId: latest.id });
  await requestCommunityReview(trainer, flagged.id);
  const flaggedRow = await prisma.draft.findUniqueOrThrow({ where: { id: flagged.id } });

  // An observation of the owner by the supervisor, an assessor (seeded grant).
  const observed = await recordObservation(
    { ...supervisor, grants: ["observations:record"] },
    observationFields(owner.id, ["competent"], "fixture"),
  );
  if (!observed?.ok) throw new Error("the fixture observation was refused");

  const caseStudyTitle = `Case-${tag}: a fence between neighbors`;
  const caseStudy = await submitCaseStudy(owner, CaseStudyInput.parse(caseStudyFields(caseStudyTitle)));

  const portrait = await sharp({ create: { width: 96, height: 96, channels: 3, background: "#4a6" } })
    .png()
    .toBuffer();
  const imageHash = await writeImage(await reencodeImage(portrait, "portrait"));

  Object.assign(f, {
    imageHash,
    caseStudyId: caseStudy.id,
    caseStudyTitle,
    observationId: observed.id,
    assessorToWithdraw: (await sessionUserOf("trainer2@example.org")).id,
    versionId: latest.id,
    moduleVersionId: moduleVersion.id,
    draftId: draft.id,
    moduleDraftId: moduleDraft.id,
    flaggedDraftId: flagged.id,
    flaggedDraftTitle: flaggedRow.title,
    flaggedDraftHash: draftSourceHash(flaggedRow.source),
    ownerId: owner.id,
    ownerEmail: owner.email,
    ownerName: owner.name,
    ownerAgencyId: owner.agencyId,
    openAttemptId: open!.attemptId,
    openAttemptSlug: "school-circle",
    openAttemptFirstChoice: version!.compiled.modelPath[0]!.choiceId,
    completedAttemptId: completed.id,
    completedAttemptSlug: completed.scenarioSlug,
    certificateId: cert.id,
    certificateCode: cert.verificationCode,
    certificateComment,
    practicumToConfirm,
    practicumToReturn,
    practicumOutcome,
    confirmComment,
    unitlessEmail,
    moduleSlug: "what-is-restoration",
    bystanderId: (await sessionUserOf("m.garcia@example.org")).id,
    failedAssessmentId: (
      await prisma.attempt.findFirstOrThrow({ where: { user: { email: "m.reed@example.org" }, mode: "assessed" } })
    ).id,
    otherUnitId: (await prisma.unit.findFirstOrThrow({ where: { name: "South Precinct" } })).id,
  } satisfies Fixtures);
}

export function expectRefused(
  route: RouteCase,
  role: RoleName,
  res: { status: number; headers: Headers },
  url: string,
) {
  if (role === "anonymous" && !route.public) {
    expect(res.status, `${role} ${url}`).toBe(302);
    expect(res.headers.get("Location")).toBe(url === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(url)}`);
  } else {
    expect([403, 404], `${role} ${url} answered ${res.status}`).toContain(res.status);
  }
}
