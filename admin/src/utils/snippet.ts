const MARK = '<mark>';
const UNMARK = '</mark>';

/**
 * A search snippet fit for `dangerouslySetInnerHTML`. The server sends text already
 * HTML-escaped with its hits in `<mark>…</mark>`: those two literal tags pass (balanced), and
 * every other `<` and `>` is escaped, so no markup but the highlight can reach the page
 * whatever the server sends. Entities such as `&amp;` are left alone: they are text already.
 */
export const safeSnippet = (snippet: string): string => {
  let open = false;
  let html = '';
  for (const part of snippet.split(/(<mark>|<\/mark>)/u)) {
    if (part === MARK && !open) {
      open = true;
      html += part;
    } else if (part === UNMARK && open) {
      open = false;
      html += part;
    } else {
      html += part.replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
    }
  }
  return open ? html + UNMARK : html;
};
