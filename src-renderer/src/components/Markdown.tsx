import { useMemo } from 'react';
import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import './markdown.css';

/**
 * Model text as readable Markdown (GitHub flavour: tables, lists, fenced code), sanitised
 * with DOMPurify. Nothing is fetched: remote images become a labelled placeholder, and links
 * keep their text but lose their target (the address shows on hover) — outputs are data to
 * read, not pages to follow.
 */
const marked = new Marked({ gfm: true, breaks: false, async: false });

// A private DOMPurify instance, so its hook never touches another component's sanitising.
const purify = DOMPurify(window);
// Image addresses are dropped while the HTML is still in DOMPurify's inert document, so no
// image element with a remote address ever reaches the page (not even for a moment).
purify.addHook('uponSanitizeAttribute', (node, data) => {
  if (
    node.nodeName === 'IMG' &&
    data.attrName === 'src' &&
    !data.attrValue.startsWith('data:image/')
  )
    data.keepAttr = false;
});

const forbidden = [
  'style',
  'iframe',
  'object',
  'embed',
  'form',
  'input',
  'button',
  'video',
  'audio',
  'source',
  'link',
  'meta',
];

/** Links keep their text but not their target; remote images become a placeholder. */
function neutralise(root: DocumentFragment): void {
  for (const link of root.querySelectorAll('a')) {
    const href = link.getAttribute('href');
    link.removeAttribute('href');
    link.removeAttribute('target');
    if (href) link.title = `link not followed: ${href}`;
    link.classList.add('md-link');
  }
  for (const image of root.querySelectorAll('img')) {
    if (image.getAttribute('src')?.startsWith('data:image/')) continue;
    const placeholder = document.createElement('span');
    placeholder.className = 'md-image';
    placeholder.textContent = `[image not loaded${image.alt ? `: ${image.alt}` : ''}]`;
    image.replaceWith(placeholder);
  }
}

export function renderMarkdown(text: string): string {
  const html = marked.parse(text) as string;
  const fragment = purify.sanitize(html, {
    FORBID_TAGS: forbidden,
    FORBID_ATTR: ['style', 'srcset'],
    RETURN_DOM_FRAGMENT: true,
  });
  neutralise(fragment);
  const holder = document.createElement('div');
  holder.append(fragment);
  return holder.innerHTML;
}

export function Markdown({ text, className }: { text: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return (
    <div
      className={`markdown${className ? ` ${className}` : ''}`}
      // Sanitised above: no script, no remote resource, no link target.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
