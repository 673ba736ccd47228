// Credentials' part in what certification announces: a sign-off issues its credential and a revocation sets the
// credential's status bit, each in the same transaction as the decision.
import { certificationRevoked, certificationSignedOff } from "../certification/events.server";
import { issueCredentialIfPossible, revokeCredential } from "./credentials.server";

const SUBSCRIBER = "open badges credentials";

export function subscribeCredentials(): void {
  certificationSignedOff.subscribe(SUBSCRIBER, ({ tx, signOffId, at }) => issueCredentialIfPossible(tx, signOffId, at));
  certificationRevoked.subscribe(SUBSCRIBER, ({ tx, signOffId, at }) => revokeCredential(tx, signOffId, at));
}
