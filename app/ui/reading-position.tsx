import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";

/** Remembers the last section heading the officer scrolled past, so the module can resume there. */
export function ReadingPosition({ containerId }: { containerId: string }) {
  const fetcher = useFetcher();
  const last = useRef<string | null>(null);
  const submit = useRef(fetcher.submit);
  submit.current = fetcher.submit;
  useEffect(() => {
    const headings = document.querySelectorAll<HTMLElement>(`#${containerId} h2[id]`);
    if (!headings.length || typeof IntersectionObserver === "undefined") return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        const visible = entries.filter((e) => e.isIntersecting).map((e) => e.target.id);
        const id = visible[visible.length - 1];
        if (!id || id === last.current) return;
        last.current = id;
        clearTimeout(timer);
        timer = setTimeout(() => submit.current({ intent: "anchor", anchor: id }, { method: "post" }), 1500);
      },
      { rootMargin: "0px 0px -60% 0px" },
    );
    headings.forEach((h) => observer.observe(h));
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [containerId]);
  return null;
}
