import { useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * After a client-side move to another page, puts focus on the new page's main heading, as a full page load
 * would start keyboard and screen-reader users at the top: otherwise focus stays on a link that is gone (or in
 * the header) and nothing says the page changed. A page that placed focus itself (on an element it made
 * focusable with tabindex="-1", like the role-play's current step) keeps it.
 */
export function RouteFocus() {
  const { pathname, hash } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    if (hash) return; // the browser goes to the fragment
    const active = document.activeElement;
    if (
      active instanceof HTMLElement &&
      active.closest("main") &&
      active.getAttribute("tabindex") === "-1" &&
      active.id !== "main"
    )
      return;
    const target = document.querySelector<HTMLElement>("main h1") ?? document.getElementById("main");
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }, [pathname, hash]);
  return null;
}
