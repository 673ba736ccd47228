// Start-up wiring: the higher folders subscribe to the events the lower ones announce (app/events). Called by
// every entry point that runs domain code: app/entry.server.tsx, the test set-up, the benchmarks.
import { subscribeCertification } from "./certification/subscriptions.server";
import { subscribeCredentials } from "./credentials/subscriptions.server";
import { subscribeInsight } from "./insight/subscriptions.server";

export function wireDomains(): void {
  subscribeCertification();
  subscribeCredentials();
  subscribeInsight();
}
