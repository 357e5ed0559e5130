import { parse } from 'svelte/compiler';
import { expect, it } from 'vitest';

// Every user-facing string must come from the i18n files. This parses each
// component and fails on template text or text-bearing attributes that
// contain a letter.
const sources = import.meta.glob('/src/**/*.svelte', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const CHECKED_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt']);
const LETTER = /\p{L}/u;

type Node = { type?: string; [key: string]: unknown };

function findings(source: string): string[] {
  const ast = parse(source, { modern: true });
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const node = value as Node;
    if (node.type === 'Text' && typeof node.data === 'string' && LETTER.test(node.data)) {
      found.push(`text "${node.data.trim()}"`);
    }
    if (node.type === 'Attribute' && typeof node.name === 'string' && CHECKED_ATTRIBUTES.has(node.name)) {
      const parts = Array.isArray(node.value) ? (node.value as Node[]) : [];
      for (const part of parts) {
        if (part.type === 'Text' && typeof part.data === 'string' && LETTER.test(part.data)) {
          found.push(`${node.name}="${part.data}"`);
        }
      }
    }
    // Other attribute and directive values (class, d, type…) are not prose.
    if (node.type === 'Attribute' || node.type?.endsWith('Directive')) return;
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'parent') visit(child);
    }
  };
  visit(ast.fragment);
  return found;
}

it('finds the components', () => {
  expect(Object.keys(sources).length).toBeGreaterThan(10);
});

it.each(Object.entries(sources))('%s has no user-facing literal text', (_path, source) => {
  expect(findings(source)).toEqual([]);
});

it('the guard catches literals', () => {
  expect(findings('<p>Kembali</p>')).toHaveLength(1);
  expect(findings('<button aria-label="Tutup">{x}</button>')).toHaveLength(1);
  expect(findings('<img alt="logo {x}" src="a.png" />')).toHaveLength(1);
  expect(findings('<p>{t("x")} 0-9 </p><input placeholder={p} />')).toEqual([]);
});
