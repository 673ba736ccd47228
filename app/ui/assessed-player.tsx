// The player of an assessed attempt: the server sends only where the conversation stands (the node reached, its
// choices in this attempt's order, the participants' state); the page is the same as in practice.
import type { AssessedView } from "../scenarios/assessed";
import type { StepEstimate } from "../scenarios/progress";
import type { StripParticipant } from "./meters";
import { RolePlay } from "./role-play";

interface Props {
  view: AssessedView;
  participants: StripParticipant[];
  meterNames: string[];
  progress: StepEstimate | null;
  error: string | null;
}

export function AssessedPlayer({ view, participants, meterNames, progress, error }: Props) {
  return <RolePlay view={view} participants={participants} meterNames={meterNames} progress={progress} error={error} />;
}
