// Markdown rendered safely: no raw HTML (no rehype-raw, and HTML in the source is skipped), only
// http(s), mailto and relative URLs survive, links carry rel="noopener noreferrer nofollow", and
// images are shown as links so a note cannot make every reader's browser fetch a remote file.
// GitHub-flavoured markdown (remark-gfm): tables, strikethrough, task lists, autolinks. A link whose
// URL is refused (javascript:, data: ...) shows as its plain text, not as a dead link.
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

const ALLOWED_SCHEMES = new Set(["http", "https", "mailto"]);

/** Returns the URL when it is http(s), mailto or relative; otherwise nothing (the attribute is dropped). */
export function safeUrl(url: string): string | undefined {
  // Browsers ignore leading control characters/spaces and tabs or newlines anywhere in a URL.
  // eslint-disable-next-line no-control-regex -- the control characters are what this strips
  const normalized = url.replace(/^[\u0000-\u0020]+/, "").replace(/[\t\n\r]/g, "");
  const colon = normalized.indexOf(":");
  const delimiter = normalized.search(/[/?#]/);
  const relative = colon === -1 || (delimiter !== -1 && colon > delimiter);
  if (relative) return normalized;
  return ALLOWED_SCHEMES.has(normalized.slice(0, colon).toLowerCase()) ? normalized : undefined;
}

const components: Components = {
  a: ({ node: _node, href, children, ...rest }) =>
    href ? (
      <a {...rest} href={href} rel="noopener noreferrer nofollow">
        {children}
      </a>
    ) : (
      <span data-refused-link="">{children}</span>
    ),
  // A wide table scrolls inside its own box instead of widening the page.
  table: ({ node: _node, children, ...rest }) => (
    <div className="my-2 overflow-x-auto">
      <table {...rest} className="min-w-full border-collapse text-left text-sm">{children}</table>
    </div>
  ),
  th: ({ node: _node, children, style }) => <th style={style} className="border border-slate-300 bg-slate-50 px-2 py-1 font-medium">{children}</th>,
  td: ({ node: _node, children, style }) => <td style={style} className="border border-slate-300 px-2 py-1 align-top">{children}</td>,
  img: ({ src, alt }) => {
    const href = typeof src === "string" ? src : undefined;
    const text = `Image: ${alt || href || "untitled"}`;
    return href ? (
      <a href={href} rel="noopener noreferrer nofollow">
        {text}
      </a>
    ) : (
      <span>{text}</span>
    );
  },
};

export function Markdown({ children, className }: { children: string; className?: string }) {
  return (
    <div className={`prose-note min-w-0 text-sm break-words [overflow-wrap:anywhere] ${className ?? ""}`}>
      <ReactMarkdown skipHtml urlTransform={safeUrl} remarkPlugins={[remarkGfm]} components={components}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
