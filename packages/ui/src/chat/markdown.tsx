import { Anchor, Code } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';

/**
 * Limited markdown (the chat contract): **bold**, *italic* / _italic_, `inline code`, [text](https://…) and bare
 * http(s) links, line breaks. Everything else is text: the result is React elements built from the parsed pieces,
 * never HTML, so `<script>` in a message shows as the characters it is.
 */
const INLINE =
  /`([^`\n]+)`|\*\*(?=\S)([\s\S]*?\S)\*\*|\*(?=\S)([^*\n]*?\S)\*|(?<![\w])_(?=\S)([^_\n]*?\S)_(?![\w])|\[([^\]\n]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

/** Only web links and mail: a `javascript:` or `data:` target stays text. */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.toString() : null;
  } catch {
    return null;
  }
}

function link(href: string, children: ReactNode, key: string): ReactNode {
  return (
    <Anchor key={key} href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </Anchor>
  );
}

function inline(text: string, key: string, depth = 0): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let index = 0;
  for (const match of text.matchAll(INLINE)) {
    const start = match.index;
    if (start > last) out.push(text.slice(last, start));
    const k = `${key}.${index++}`;
    const [whole, code, bold, italic, underscored, label, target, bare] = match;
    // Nesting is bounded: a crafted message cannot make rendering expensive.
    const nested = (inner: string) => (depth < 3 ? inline(inner, k, depth + 1) : [inner]);
    if (code !== undefined) out.push(<Code key={k}>{code}</Code>);
    else if (bold !== undefined) out.push(<strong key={k}>{nested(bold)}</strong>);
    else if (italic !== undefined) out.push(<em key={k}>{nested(italic)}</em>);
    else if (underscored !== undefined) out.push(<em key={k}>{nested(underscored)}</em>);
    else if (label !== undefined && target !== undefined) {
      const href = safeHref(target);
      out.push(href ? link(href, nested(label), k) : whole);
    } else if (bare !== undefined) {
      const href = safeHref(bare);
      out.push(href ? link(href, bare, k) : bare);
    }
    last = start + whole.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function ChatMarkdown({ text }: { text: string }) {
  const lines = text.split('\n');
  return (
    <>
      {lines.map((line, index) => (
        <Fragment key={index}>
          {index > 0 && <br />}
          {inline(line, String(index))}
        </Fragment>
      ))}
    </>
  );
}
