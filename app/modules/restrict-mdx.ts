// Module bodies are data: Markdown plus a fixed set of components. This remark plugin finds everything
// else (imports, exports, JavaScript expressions, unknown components, computed attributes) so it can be
// refused with its line before anything is compiled or run.
export const ALLOWED_COMPONENTS = ["Callout", "KeyTerm", "Reflection", "ScenarioLink", "KnowledgeCheck"] as const;

/** http(s), mailto, a same-site path or an in-page anchor: never javascript: or data: URLs. */
const SAFE_URL = /^(https?:\/\/|mailto:|\/(?!\/)|#|[\w-]+(\.[\w-]+)*(\/|$|\?|#))/i;

export interface MdxViolation {
  line: number;
  message: string;
}

interface MdNode {
  type: string;
  url?: string;
  name?: string | null;
  value?: string;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: MdNode[];
  position?: { start: { line: number } };
}

export function findViolations(tree: MdNode): MdxViolation[] {
  const found: MdxViolation[] = [];
  const visit = (node: MdNode) => {
    const line = node.position?.start.line ?? 1;
    switch (node.type) {
      case "mdxjsEsm":
        found.push({
          line,
          message: "`import` and `export` are not allowed in modules: use only the listed components",
        });
        break;
      case "mdxFlowExpression":
      case "mdxTextExpression":
        found.push({
          line,
          message: `JavaScript expressions ({…}) are not allowed: "{${(node.value ?? "").slice(0, 40)}}". Write text, or escape the brace as \\{`,
        });
        break;
      case "link":
      case "image":
      case "definition":
        if (node.url && !SAFE_URL.test(node.url.trim())) {
          found.push({
            line,
            message: `link target "${node.url.slice(0, 60)}" is not allowed: use http(s), mailto, or a path on this site`,
          });
        }
        break;
      case "html":
        found.push({ line, message: "raw HTML is not allowed: use Markdown and the listed components" });
        break;
      case "mdxJsxFlowElement":
      case "mdxJsxTextElement": {
        if (!node.name) found.push({ line, message: "fragments (<>…</>) are not allowed" });
        else if (!(ALLOWED_COMPONENTS as readonly string[]).includes(node.name)) {
          found.push({
            line,
            message: `<${node.name}> is not an allowed component (allowed: ${ALLOWED_COMPONENTS.join(", ")})`,
          });
        }
        for (const attr of node.attributes ?? []) {
          if (attr.type !== "mdxJsxAttribute")
            found.push({ line, message: "spread attributes ({...x}) are not allowed" });
          else if (attr.value !== null && attr.value !== undefined && typeof attr.value !== "string") {
            found.push({
              line,
              message: `attribute "${attr.name}" must be a plain string in quotes, not an expression`,
            });
          }
        }
        break;
      }
    }
    node.children?.forEach(visit);
  };
  visit(tree);
  return found;
}

/** The remark plugin: records violations on the file so the compiler can report them all. */
export function remarkRestrictMdx() {
  return (tree: MdNode, file: { data: Record<string, unknown> }) => {
    file.data.violations = findViolations(tree);
  };
}
