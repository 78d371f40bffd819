import { cx } from "./cx";

type CodeBlockProps = {
  code: string;
  /** Shown in the title bar, e.g. "Terminal" or "send.sh". */
  title?: string;
  /** Shown on the right of the title bar, e.g. "bash" or "json". */
  language?: string;
  className?: string;
};

/**
 * A dark, horizontally scrollable code panel. The scroll container is focusable so keyboard users
 * can scroll long lines, and it is labelled by the title for screen readers.
 */
export function CodeBlock({ code, title, language, className }: CodeBlockProps) {
  const label = title ?? (language ? `${language} code` : "Code");
  return (
    <figure
      className={cx(
        "overflow-hidden rounded-xl bg-slate-950 shadow-lg shadow-slate-900/10 ring-1 ring-white/10",
        className,
      )}
    >
      {(title || language) && (
        <figcaption className="flex items-center justify-between border-b border-white/10 px-4 py-2.5 text-xs">
          <span className="flex items-center gap-2 text-slate-300">
            <span aria-hidden="true" className="flex gap-1.5">
              <span className="size-2.5 rounded-full bg-slate-700" />
              <span className="size-2.5 rounded-full bg-slate-700" />
              <span className="size-2.5 rounded-full bg-slate-700" />
            </span>
            <span className="ml-1 font-medium">{title}</span>
          </span>
          {language && <span className="font-mono text-slate-400">{language}</span>}
        </figcaption>
      )}
      <pre
        tabIndex={0}
        aria-label={label}
        className="overflow-x-auto p-4 font-mono text-[13px] leading-6 text-slate-100 focus-visible:outline-brand-300 focus-visible:-outline-offset-2"
      >
        <code>
          {code.split("\n").map((line, index) => (
            <span key={index} className="block min-h-6">
              <HighlightedLine line={line} />
            </span>
          ))}
        </code>
      </pre>
    </figure>
  );
}

/**
 * Just enough colour to make shell and JSON samples scannable: comments dimmed, JSON keys and
 * quoted strings tinted. Done on the server, so the page ships no highlighter.
 */
function HighlightedLine({ line }: { line: string }) {
  const trimmed = line.trimStart();
  if (trimmed.startsWith("#") || trimmed.startsWith("//")) {
    return <span className="text-slate-400 italic">{line}</span>;
  }
  const parts = line.split(/("(?:[^"\\]|\\.)*"|'[^']*')/);
  return parts.map((part, index) => {
    if (index % 2 === 0) return part;
    // A quoted string followed by a colon is a JSON key.
    const isKey = /^\s*:/.test(parts[index + 1] ?? "");
    return (
      <span key={index} className={isKey ? "text-sky-300" : "text-emerald-300"}>
        {part}
      </span>
    );
  });
}
