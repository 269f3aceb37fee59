// Markdown rendered safely: no raw HTML (no rehype-raw, and HTML in the source is skipped), only
// http(s), mailto and relative URLs survive, links carry rel="noopener noreferrer nofollow", and
// images are shown as links so a note cannot make every reader's browser fetch a remote file.
import ReactMarkdown, { type Components } from "react-markdown";

const ALLOWED_SCHEMES = new Set(["http", "https", "mailto"]);

/** Returns the URL when it is http(s), mailto or relative; otherwise nothing (the attribute is dropped). */
export function safeUrl(url: string): string | undefined {
  // Browsers ignore leading control characters/spaces and tabs or newlines anywhere in a URL.
  const normalized = url.replace(/^[\u0000-\u0020]+/, "").replace(/[\t\n\r]/g, "");
  const colon = normalized.indexOf(":");
  const delimiter = normalized.search(/[/?#]/);
  const relative = colon === -1 || (delimiter !== -1 && colon > delimiter);
  if (relative) return normalized;
  return ALLOWED_SCHEMES.has(normalized.slice(0, colon).toLowerCase()) ? normalized : undefined;
}

const components: Components = {
  a: ({ node: _node, href, children, ...rest }) => (
    <a {...rest} href={href} rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
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
    <div className={`prose-note text-sm break-words ${className ?? ""}`}>
      <ReactMarkdown skipHtml urlTransform={safeUrl} components={components}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
