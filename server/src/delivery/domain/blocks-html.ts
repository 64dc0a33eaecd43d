/** Renders Strapi "blocks" rich text as HTML for consumers (ninjs bodies, RSS, `html` fields). */

type Node = {
  type: string;
  text?: string;
  url?: string;
  level?: number;
  format?: string;
  children?: Node[];
} & Record<string, unknown>;

export const escapeHtml = (s: string) =>
  s
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    .replace(/'/gu, '&#39;');

const SAFE_URL = /^(https?:|mailto:|\/(?!\/))/iu;

const MARKS: Array<[string, string]> = [
  ['code', 'code'],
  ['bold', 'strong'],
  ['italic', 'em'],
  ['underline', 'u'],
  ['strikethrough', 's'],
];

const inline = (nodes: Node[] = []): string =>
  nodes
    .map((node) => {
      if (node.type === 'text') {
        let html = escapeHtml(node.text ?? '').replace(/\n/gu, '<br>');
        for (const [mark, tag] of MARKS) if (node[mark]) html = `<${tag}>${html}</${tag}>`;
        return html;
      }
      if (node.type === 'link') {
        const text = inline(node.children);
        return node.url && SAFE_URL.test(node.url)
          ? `<a href="${escapeHtml(node.url)}">${text}</a>`
          : text;
      }
      return inline(node.children);
    })
    .join('');

const block = (node: Node): string => {
  switch (node.type) {
    case 'paragraph':
      return `<p>${inline(node.children)}</p>`;
    case 'heading': {
      const level = Math.min(Math.max(Number(node.level) || 2, 2), 6);
      return `<h${level}>${inline(node.children)}</h${level}>`;
    }
    case 'quote':
      return `<blockquote>${inline(node.children)}</blockquote>`;
    case 'code':
      return `<pre><code>${inline(node.children)}</code></pre>`;
    case 'list': {
      const tag = node.format === 'ordered' ? 'ol' : 'ul';
      return `<${tag}>${(node.children ?? []).map((item) => `<li>${inline(item.children)}</li>`).join('')}</${tag}>`;
    }
    default:
      return node.children ? `<p>${inline(node.children)}</p>` : '';
  }
};

export const blocksToHtml = (blocks: unknown): string =>
  Array.isArray(blocks) ? (blocks as Node[]).map(block).join('\n') : '';

/** Plain text of blocks, e.g. for RSS descriptions. */
export const blocksToText = (blocks: unknown): string => {
  const text = (nodes: Node[] = []): string =>
    nodes.map((n) => (n.type === 'text' ? (n.text ?? '') : text(n.children))).join('');
  return Array.isArray(blocks) ? (blocks as Node[]).map((b) => text(b.children)).join('\n\n') : '';
};
