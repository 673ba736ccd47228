// The player of an assessed attempt: the server sends only where the conversation stands (the node reached, its
// choices in this attempt's order, the participants' state); the page is the same as in practice.
import type { AssessedView } from "../scenarios/assessed";
import type { StepEstimate } from "../scenarios/progress";
import type { ShownParticipant } from "../scenarios/scenario";
import { RolePlay } from "./role-play";

interface Props {
  view: AssessedView;
  participants: ShownParticipant[];
  progress: StepEstimate | null;
  error: string | null;
}

export function AssessedPlayer({ view, participants, progress, error }: Props) {
  return <RolePlay view={view} participants={participants} progress={progress} error={error} />;
}
