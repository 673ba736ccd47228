// The practice player. The page holds the scenario without scoring and the choices the server has recorded;
// the view is worked out from exactly those, so what shows is always the step the server confirmed (no step is
// shown ahead of the server, so a quick second click can never meet a step the server has not reached).
import { useMemo } from "react";
import type { StepEstimate } from "../scenarios/progress";
import { shownParticipants, type Scenario } from "../scenarios/scenario";
import { playerView } from "../scenarios/views";
import { RolePlay, type RolePlayView } from "./role-play";

interface Props {
  scenario: Scenario;
  recorded: string[];
  progress: StepEstimate | null;
  error: string | null;
}

export function ScenarioPlayer({ scenario, recorded, progress, error }: Props) {
  const view = useMemo((): RolePlayView => {
    const v = playerView(scenario, recorded);
    return { ...v, transcript: v.transcript.map((s) => ({ ...s, choiceText: s.choice?.text ?? "" })) };
  }, [scenario, recorded]);
  const participants = useMemo(() => shownParticipants(scenario), [scenario]);
  return <RolePlay view={view} participants={participants} progress={progress} error={error} />;
}
