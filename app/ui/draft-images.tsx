// The studio's image upload for a scenario draft: where the image goes, the file and its alt text. A plain
// multipart form (it works without JavaScript); the server writes the image's name into the draft's text.
import { Form } from "@remix-run/react";
import { IMAGE_LIMITS, IMAGE_SHAPES } from "../media/image-rules";
import type { ImageTarget } from "../studio/draft-images.server";

interface Props {
  targets: ImageTarget[];
  errors: Record<string, string | undefined>;
}

export function DraftImages({ targets, errors }: Props) {
  const { portrait, illustration } = IMAGE_SHAPES;
  return (
    <section className="card stack" aria-labelledby="images-h">
      <h2 id="images-h">Images</h2>
      <p>
        A portrait for a participant ({portrait.width} × {portrait.height}) or an illustration for a node (
        {illustration.width} × {illustration.height}); pictures are cropped to that shape. PNG, JPEG or WebP, up to{" "}
        {IMAGE_LIMITS.bytes / 1024 / 1024} MB. Adding an image saves the draft: save your edits first.
      </p>
      <Form method="post" encType="multipart/form-data" className="stack">
        <div className="field">
          <label htmlFor="image-target">Where it goes</label>
          <select id="image-target" name="target" required>
            {targets.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
                {t.current ? " (replaces the current one)" : ""}
              </option>
            ))}
          </select>
          {errors.target ? <p className="field-error">{errors.target}</p> : null}
        </div>
        <div className="field">
          <label htmlFor="image-file">Image file</label>
          <input
            id="image-file"
            type="file"
            name="image"
            accept="image/png,image/jpeg,image/webp"
            required
            aria-describedby={errors.image ? "image-error" : undefined}
          />
          {errors.image ? (
            <p className="field-error" id="image-error">
              {errors.image}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="image-alt">Alt text (what an officer who cannot see it should know)</label>
          <input id="image-alt" name="alt" required maxLength={300} />
          {errors.alt ? <p className="field-error">{errors.alt}</p> : null}
        </div>
        <div className="row">
          <button type="submit" className="button button--secondary">
            Upload and add to the draft
          </button>
        </div>
      </Form>
    </section>
  );
}
