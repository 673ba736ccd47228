// The part of extwee the Twine import uses: its Twee 3 parser (the package's own types are not reachable through
// its "exports" field). docs/decisions/0361-twine-import.md
declare module "extwee" {
  export interface TweePassage {
    name: string;
    text: string;
    tags: string[];
  }
  export interface TweeStory {
    name: string;
    start: string;
    passages: TweePassage[];
    storyJavaScript: string;
  }
  export function parseTwee(fileContents: string): TweeStory;
}
