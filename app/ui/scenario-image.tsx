// A scenario's pictures: participants' portraits and nodes' illustrations. Width and height are always set (every
// stored image has its shape's size), so the page keeps their room before they arrive and nothing shifts.
import { IMAGE_SHAPES, imageUrl } from "../media/image-rules";

export interface WithPortrait {
  portrait?: string | null;
  portraitAlt?: string | null;
}

/** A participant's portrait, or nothing when the scenario gives none. */
export function Portrait({ participant, className = "portrait" }: { participant: WithPortrait; className?: string }) {
  if (!participant.portrait || !participant.portraitAlt) return null;
  const { width, height } = IMAGE_SHAPES.portrait;
  return (
    <img
      className={className}
      src={imageUrl(participant.portrait)}
      alt={participant.portraitAlt}
      width={width}
      height={height}
      decoding="async"
    />
  );
}

/** A node's illustration, or nothing. */
export function Illustration({ image }: { image?: { ref: string; alt: string } | null }) {
  if (!image) return null;
  const { width, height } = IMAGE_SHAPES.illustration;
  return (
    <img
      className="illustration"
      src={imageUrl(image.ref)}
      alt={image.alt}
      width={width}
      height={height}
      decoding="async"
    />
  );
}
