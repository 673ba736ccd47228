// The published xAPI profile: public, so an LRS's users can read what Circlekeeper's statements mean.
import { profileDocument } from "../xapi/profile";

export function loader() {
  return Response.json(profileDocument(), { headers: { "Cache-Control": "public, max-age=3600" } });
}
