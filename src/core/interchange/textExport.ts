// HTML (one standalone file with a small stylesheet, sections as headings) and plain text (sections separated by
// their titles and blank lines). Both pass the link policy: only safe links are written, and no text can spell a
// javascript:/vbscript:/data: URL a renderer would make live.
import { defangSchemes, safeHref, type JsonNode } from './linkSafety';
import { docPlainText } from './richDoc';
import type { ExportDoc } from './docxExport';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function inline(nodes: readonly JsonNode[] | undefined): string {
  return (nodes ?? []).map((n) => {
    if (n.type === 'hardBreak') return '<br>';
    if (n.type !== 'text') return '';
    let html = esc(n.text ?? '');
    for (const m of n.marks ?? []) {
      if (m.type === 'bold') html = `<strong>${html}</strong>`;
      else if (m.type === 'italic') html = `<em>${html}</em>`;
      else if (m.type === 'strike') html = `<s>${html}</s>`;
      else if (m.type === 'underline') html = `<u>${html}</u>`;
      else if (m.type === 'code') html = `<code>${html}</code>`;
    }
    const link = n.marks?.find((m) => m.type === 'link');
    const href = link ? safeHref(link.attrs?.href) : null;
    return href ? `<a href="${esc(href)}">${html}</a>` : html;
  }).join('');
}

function blocksHtml(nodes: readonly JsonNode[] | undefined, shift: number): string {
  return (nodes ?? []).map((n) => {
    switch (n.type) {
      case 'paragraph': return `<p>${inline(n.content)}</p>`;
      case 'heading': { const l = Math.min(6, Number(n.attrs?.level ?? 2) + shift); return `<h${l}>${inline(n.content)}</h${l}>`; }
      case 'blockquote': return `<blockquote>${blocksHtml(n.content, shift)}</blockquote>`;
      case 'bulletList': return `<ul>${blocksHtml(n.content, shift)}</ul>`;
      case 'orderedList': return `<ol>${blocksHtml(n.content, shift)}</ol>`;
      case 'listItem': return `<li>${blocksHtml(n.content, shift)}</li>`;
      case 'codeBlock': return `<pre><code>${esc((n.content ?? []).map((c) => c.text ?? '').join(''))}</code></pre>`;
      case 'horizontalRule': return '<hr>';
      default: return blocksHtml(n.content, shift);
    }
  }).join('\n');
}

export function documentToHtml(d: ExportDoc): string {
  const title = d.title.trim() || 'Untitled document';
  const body = d.sections.map((s, i) => {
    const h = s.title.trim() || (i === 0 ? '' : `Section ${i + 1}`);
    return `<section>\n${h ? `<h2>${esc(h)}</h2>\n` : ''}${blocksHtml(s.doc?.content, 2)}\n</section>`;
  }).join('\n');
  return defangSchemes(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Longhand">
${d.authorName ? `<meta name="author" content="${esc(d.authorName)}">\n` : ''}<title>${esc(title)}</title>
<style>
body { max-width: 38em; margin: 3em auto; padding: 0 1em; font: 1.1rem/1.6 Georgia, "Times New Roman", serif; color: #222; }
h1, h2, h3 { line-height: 1.25; } h2 { margin-top: 2.5em; }
blockquote { margin: 1em 2em; font-style: italic; } hr { border: 0; text-align: center; } hr::after { content: "#"; }
pre { white-space: pre-wrap; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
${body}
</body>
</html>
`);
}

export function documentToPlainText(d: ExportDoc): string {
  const parts: string[] = [];
  if (d.title.trim()) parts.push(d.title.trim().toUpperCase());
  d.sections.forEach((s, i) => {
    const h = s.title.trim() || (i === 0 ? '' : `Section ${i + 1}`);
    if (h) parts.push(h);
    // Scene breaks read as "#" in plain text too.
    const withRules: JsonNode = { ...s.doc, content: (s.doc?.content ?? []).map((n) => (n.type === 'horizontalRule' ? { type: 'paragraph', content: [{ type: 'text', text: '#' }] } : n)) };
    const body = docPlainText(withRules);
    if (body) parts.push(body);
  });
  return defangSchemes(parts.join('\n\n\n') + '\n');
}
