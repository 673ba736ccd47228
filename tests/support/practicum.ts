// A complete reflective log for practicum entries in tests (joint meetings and circles need one).
export const REFLECTIVE_LOG = {
  logWhatHappened: "Both parties met with their supporters; each told their account and an agreement was written.",
  logWentWell: "Separate preparation beforehand kept the meeting calm and on track.",
  logWouldChange: "I would check the seating earlier and plan a break before the agreement.",
  logSupportNeeded: "A debrief with my supervisor on handling interruptions.",
} as const;
