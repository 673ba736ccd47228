// How the visual editor's panels hand an edit to the editor: the edit itself (YAML text in, YAML text out), what
// the live region says once it is applied, and where focus goes.
export interface EditOutcome {
  message: string;
  /** the id of the element to focus once the page shows the new text */
  focus?: string;
  /** the node to show in the panel afterwards (null: none) */
  select?: string | null;
}

export type ApplyEdit = (edit: (text: string) => string, outcome: EditOutcome) => void;
