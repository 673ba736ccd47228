// The player of an assessed attempt: the server sends only where the conversation stands (the node reached, its
// choices in this attempt's order, the participants' state); the page is the same as in practice.
import type { AssessedView } from "../scenarios/assessed";
import type { StepEstimate } from "../scenarios/progress";
import { RolePlay } from "./role-play";

interface Props {
  view: AssessedView;
  participants: { id: string; name: string; role: string }[];
  meterNames: string[];
  progress: StepEstimate | null;
  error: string | null;
}

export function AssessedPlayer({ view, participants, meterNames, progress, error }: Props) {
  return <RolePlay view={view} participants={participants} meterNames={meterNames} progress={progress} error={error} />;
}
