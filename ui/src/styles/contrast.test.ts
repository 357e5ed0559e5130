import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

/*
 * WCAG 2.2 AA colour contrast of the whole UI, computed from the sources.
 *
 * The design tokens (`:root` in base.css), the global style sheets and every component's
 * `<style>` block are parsed; each component's template is parsed too, so a rule is checked on
 * the elements it really styles, inside the ancestors (and, through the components that use it,
 * the surfaces) it really sits on. For every colour rule:
 *
 *  - text (1.4.3): the text colour it gives an element, composited (alpha, opacity) over the
 *    background under that text, must reach 4.5:1. Large text could use 3:1; we do not use that
 *    allowance. An element that holds only an icon (svg, <Icon>, <Face>) is a graphic: 3:1 (1.4.11).
 *  - control boundary (1.4.11): a button, field or other control whose fill does not stand out
 *    from its surroundings at 3:1 is identified by its border, so every visible border side must
 *    reach 3:1 against the surroundings.
 *  - focus (1.4.11 / 2.4.7): every focusable control, focused, must show a ring of which at least
 *    one band reaches 3:1 against both its neighbours (the control on the inside or the inner
 *    band, the surroundings or the outer band on the outside). This also fails a control whose own
 *    box-shadow overrides the ring.
 *
 * Disabled controls are exempt (WCAG): rules with `:disabled`, `.disabled`, `[disabled]` are
 * skipped and never apply. The root (KioskApp, StaffApp) sits on `:root`'s background; a rule
 * that styles no element found in a template is checked on `--bg` and `--white`.
 */

// Read from disk: Vitest hands CSS imports over empty, even with ?raw.
const STYLE_DIR = import.meta.dirname + '/';
const STYLES: Record<string, string> = Object.fromEntries(
  readdirSync(STYLE_DIR)
    .filter((name) => name.endsWith('.css'))
    .map((name) => [`/src/styles/${name}`, readFileSync(STYLE_DIR + name, 'utf8')]),
);

const COMPONENTS = import.meta.glob('/src/**/*.svelte', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

// ---------------------------------------------------------------------------------------------
// Colour maths (WCAG 2.x relative luminance and contrast ratio).

type Rgb = { r: number; g: number; b: number };
type Rgba = Rgb & { a: number };

const NAMED: Record<string, string> = { white: '#ffffff', black: '#000000' };
const COLOUR_TOKEN = /#[0-9a-f]{3,8}\b|rgba?\([^)]*\)|\b(?:white|black|transparent|currentcolor)\b/gi;

function parseColour(text: string): Rgba | 'transparent' | 'currentcolor' | null {
  const value = text.trim().toLowerCase();
  if (value === 'transparent') return 'transparent';
  if (value === 'currentcolor') return 'currentcolor';
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(NAMED[value] ?? value);
  if (hex) {
    let digits = hex[1];
    if (digits.length <= 4) digits = [...digits].map((d) => d + d).join('');
    const at = (i: number) => parseInt(digits.slice(i, i + 2), 16);
    return { r: at(0), g: at(2), b: at(4), a: digits.length === 8 ? at(6) / 255 : 1 };
  }
  const rgb = /^rgba?\((.*)\)$/.exec(value);
  if (rgb) {
    const parts = rgb[1].split(/[\s,/]+/).filter(Boolean);
    if (parts.length !== 3 && parts.length !== 4) throw new Error(`bad colour ${text}`);
    const channel = (p: string) => (p.endsWith('%') ? parseFloat(p) * 2.55 : parseFloat(p));
    const alpha = parts[3] === undefined ? 1 : parts[3].endsWith('%') ? parseFloat(parts[3]) / 100 : parseFloat(parts[3]);
    return { r: channel(parts[0]), g: channel(parts[1]), b: channel(parts[2]), a: alpha };
  }
  return null;
}

function solid(text: string): Rgba {
  const colour = parseColour(text);
  if (typeof colour !== 'object' || colour === null) throw new Error(`not a colour: ${text}`);
  return colour;
}

/** `top` painted over the opaque `bottom` (source-over in sRGB, as browsers do). */
function over(top: Rgba, bottom: Rgb): Rgb {
  const mix = (t: number, b: number) => t * top.a + b * (1 - top.a);
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b) };
}

function luminance({ r, g, b }: Rgb): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function hex({ r, g, b }: Rgb): string {
  return '#' + [r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
}

// ---------------------------------------------------------------------------------------------
// CSS: rules, selectors, declarations.

type Compound = { tag: string | null; classes: string[]; states: string[]; pseudoElement: string | null };
type Selector = {
  text: string;
  /** Outermost first; the last one is the subject. Sibling compounds are left out. */
  compounds: Compound[];
  /** Pseudo-classes and attribute conditions anywhere in the selector: a state to be in. */
  states: string[];
  specificity: number;
  disabled: boolean;
};
type Decl = { prop: string; value: string; important: boolean };
type Rule = { file: string; line: number; selector: Selector; decls: Decl[]; scoped: boolean; order: number };

function blankComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
}

function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{' || text[i] === '(') depth++;
    else if (text[i] === '}' || text[i] === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new Error('unbalanced braces');
}

/** Splits on `separator` outside brackets and parentheses. */
function splitTop(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

function unwrapGlobal(text: string): string {
  let out = text;
  for (let at = out.indexOf(':global('); at !== -1; at = out.indexOf(':global(')) {
    const end = closing(out, at + ':global'.length);
    out = out.slice(0, at) + out.slice(at + ':global('.length, end) + out.slice(end + 1);
  }
  return out;
}

function parseCompound(text: string): Compound & { specificity: number } {
  const compound: Compound & { specificity: number } = {
    tag: null,
    classes: [],
    states: [],
    pseudoElement: null,
    specificity: 0,
  };
  let rest = text;
  while (rest) {
    let m: RegExpExecArray | null;
    if ((m = /^(\*|[a-zA-Z][\w-]*)/.exec(rest))) {
      if (m[1] !== '*') {
        compound.tag = m[1].toLowerCase();
        compound.specificity += 1;
      }
    } else if ((m = /^\.([\w-]+)/.exec(rest))) {
      compound.classes.push(m[1]);
      compound.specificity += 1_000;
    } else if ((m = /^#([\w-]+)/.exec(rest))) {
      compound.specificity += 1_000_000;
    } else if ((m = /^\[[^\]]*\]/.exec(rest))) {
      compound.states.push(m[0].replace(/\s+/g, ''));
      compound.specificity += 1_000;
    } else if ((m = /^::([\w-]+)/.exec(rest))) {
      compound.pseudoElement = m[1];
      compound.specificity += 1;
    } else if (rest.startsWith(':not(')) {
      const end = closing(rest, 4);
      for (const inner of splitTop(rest.slice(5, end), ',')) {
        compound.specificity += parseCompound(inner).specificity;
      }
      rest = rest.slice(end + 1);
      continue;
    } else if ((m = /^:([\w-]+(?:\([^)]*\))?)/.exec(rest))) {
      compound.states.push(m[1]);
      compound.specificity += 1_000;
    } else {
      throw new Error(`cannot read selector part "${rest}" of "${text}"`);
    }
    rest = rest.slice(m[0].length);
  }
  return compound;
}

function parseSelector(raw: string): Selector {
  const text = unwrapGlobal(raw.trim());
  const withoutNot = text.replace(/:not\([^)]*\)/g, '');
  const disabled = /:disabled|\.disabled\b|\[disabled|\[aria-disabled/.test(withoutNot);
  // Split into compounds and the combinators in front of them.
  const pieces: { text: string; combinator: string }[] = [];
  let depth = 0;
  let current = '';
  let combinator = ' ';
  for (const c of text) {
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    if (depth === 0 && /[\s>+~]/.test(c)) {
      if (current) pieces.push({ text: current, combinator });
      if (current) combinator = ' ';
      current = '';
      if (!/\s/.test(c)) combinator = c;
      continue;
    }
    current += c;
  }
  if (current) pieces.push({ text: current, combinator });
  const parsed = pieces.map((p) => ({ ...parseCompound(p.text), combinator: p.combinator }));
  const compounds: Compound[] = [];
  const states = new Set<string>();
  let specificity = 0;
  parsed.forEach((p, i) => {
    specificity += p.specificity;
    for (const s of p.states) states.add(s);
    // `a + b`, `a ~ b`: `a` is a sibling, not an ancestor; keep only its states.
    const next = parsed[i + 1];
    if (next && (next.combinator === '+' || next.combinator === '~')) return;
    compounds.push({ tag: p.tag, classes: p.classes, states: p.states, pseudoElement: p.pseudoElement });
  });
  return { text, compounds, states: [...states], specificity, disabled };
}

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

function parseCss(source: string, file: string, offset: number, fileText: string, scoped: boolean, out: Rule[]): void {
  const css = blankComments(source);
  const walk = (start: number, end: number) => {
    let prelude = start;
    for (let i = start; i < end; i++) {
      if (css[i] === ';') prelude = i + 1;
      if (css[i] !== '{') continue;
      const head = css.slice(prelude, i).trim();
      const close = closing(css, i);
      if (head.startsWith('@media') || head.startsWith('@supports')) {
        walk(i + 1, close);
      } else if (!head.startsWith('@')) {
        const decls: Decl[] = [];
        for (const part of splitTop(css.slice(i + 1, close), ';')) {
          const colon = part.indexOf(':');
          if (colon < 0) continue;
          const value = part.slice(colon + 1).trim();
          decls.push({
            prop: part.slice(0, colon).trim().toLowerCase(),
            value: value.replace(/\s*!important$/i, ''),
            important: /!important$/i.test(value),
          });
        }
        const line = lineAt(fileText, offset + prelude + css.slice(prelude, i).search(/\S/));
        for (const selector of splitTop(head, ',')) {
          out.push({ file, line, selector: parseSelector(selector), decls, scoped, order: out.length });
        }
      }
      i = close;
      prelude = close + 1;
    }
  };
  walk(0, css.length);
}

// ---------------------------------------------------------------------------------------------
// Templates: which elements exist, inside which ancestors, in which component.

type El = {
  file: string;
  tag: string;
  statics: Set<string>;
  /** Classes that may or may not be set (class: directives, literals in class={…}). */
  toggles: string[];
  /** Sets of classes of which at most one is set (class="tone-{x}", class={tone}). */
  groups: string[][];
  prefixes: string[];
  wildcard: boolean;
  parent: El | null;
  children: El[];
  /** Text (or an icon) directly inside, not inside a child element. */
  ownText: boolean;
  ownGraphic: boolean;
  control: boolean;
  focusable: boolean;
  attrs: Map<string, string>;
};
type Usage = { owner: string; parent: El | null };
type AstNode = { type?: string; [key: string]: unknown };

const CONTROL_TAGS = new Set(['button', 'input', 'textarea', 'select', 'a', 'summary', 'label']);
const CONTROL_ROLES = new Set(['button', 'radio', 'checkbox', 'switch', 'tab', 'option', 'link', 'menuitem']);
const GRAPHIC_COMPONENTS = new Set(['Icon', 'Face']);

function literalClasses(expression: unknown, into: string[]): void {
  if (typeof expression !== 'object' || expression === null) return;
  if (Array.isArray(expression)) {
    expression.forEach((e) => literalClasses(e, into));
    return;
  }
  const node = expression as AstNode;
  if (node.type === 'Literal' && typeof node.value === 'string') into.push(...node.value.split(/\s+/).filter(Boolean));
  if (node.type === 'Property') {
    const key = node.key as AstNode;
    if (key.type === 'Identifier' && typeof key.name === 'string') into.push(key.name);
    if (key.type === 'Literal' && typeof key.value === 'string') into.push(key.value);
    return;
  }
  for (const [key, child] of Object.entries(node)) {
    if (key !== 'parent' && key !== 'loc' && key !== 'metadata') literalClasses(child, into);
  }
}

function attributeText(value: unknown): string | null {
  if (value === true) return '';
  if (!Array.isArray(value)) return null;
  if (value.every((p: AstNode) => p.type === 'Text')) return value.map((p: AstNode) => String(p.data)).join('');
  return null;
}

/** Whether a fragment holds text (or a graphic) of its own, outside any child element. */
function fragmentHas(node: unknown, what: 'text' | 'graphic'): boolean {
  if (Array.isArray(node)) return node.some((n) => fragmentHas(n, what));
  if (typeof node !== 'object' || node === null) return false;
  const n = node as AstNode;
  switch (n.type) {
    case 'Text':
      return what === 'text' && /\S/.test(String(n.data));
    case 'ExpressionTag':
    case 'HtmlTag':
    case 'RenderTag':
      return what === 'text';
    case 'Component':
      if (GRAPHIC_COMPONENTS.has(String(n.name))) return what === 'graphic';
      return what === 'text' || fragmentHas(n.fragment, what);
    case 'RegularElement':
    case 'SvelteElement':
      return false;
  }
  for (const key of ['fragment', 'nodes', 'consequent', 'alternate', 'body', 'fallback', 'pending', 'then', 'catch']) {
    if (key in n && fragmentHas(n[key], what)) return true;
  }
  return false;
}

function readTemplate(file: string, source: string, elements: El[], usages: Map<string, Usage[]>): void {
  const ast = parse(source, { modern: true }) as unknown as AstNode;
  const imports = new Map<string, string>();
  for (const m of source.matchAll(/import\s+(\w+)\s+from\s+['"]([^'"]+\.svelte)['"]/g)) {
    const parts = file.split('/').slice(0, -1);
    for (const step of m[2].split('/')) {
      if (step === '..') parts.pop();
      else if (step !== '.') parts.push(step);
    }
    imports.set(m[1], parts.join('/'));
  }
  const visit = (node: unknown, parent: El | null): void => {
    if (Array.isArray(node)) {
      node.forEach((n) => visit(n, parent));
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const n = node as AstNode;
    if (n.type === 'RegularElement' || n.type === 'SvelteElement') {
      const el: El = {
        file,
        tag: String(n.name).toLowerCase(),
        statics: new Set(),
        toggles: [],
        groups: [],
        prefixes: [],
        wildcard: false,
        parent,
        children: [],
        ownText: n.name === 'input' || n.name === 'textarea' || fragmentHas(n.fragment, 'text'),
        ownGraphic: n.name === 'svg' || fragmentHas(n.fragment, 'graphic'),
        control: false,
        focusable: false,
        attrs: new Map(),
      };
      for (const attr of (n.attributes as AstNode[]) ?? []) {
        if (attr.type === 'ClassDirective') el.toggles.push(String(attr.name));
        if (attr.type !== 'Attribute') continue;
        const name = String(attr.name);
        if (name !== 'class') {
          const text = attributeText(attr.value);
          el.attrs.set(name, text ?? '{dynamic}');
          continue;
        }
        if (!Array.isArray(attr.value)) {
          // class={expression}
          const found: string[] = [];
          literalClasses((attr.value as AstNode).expression, found);
          el.toggles.push(...found);
          if (found.length === 0) el.wildcard = true;
          continue;
        }
        const joined = (attr.value as AstNode[]).map((p) => (p.type === 'Text' ? String(p.data) : '\u0000')).join('');
        for (const token of joined.split(/\s+/).filter(Boolean)) {
          if (!token.includes('\u0000')) el.statics.add(token);
          else if (token.startsWith('\u0000')) el.wildcard = true;
          else el.prefixes.push(token.slice(0, token.indexOf('\u0000')));
        }
        const expressions = (attr.value as AstNode[]).filter((p) => p.type === 'ExpressionTag');
        const found: string[] = [];
        literalClasses(expressions, found);
        el.toggles.push(...found);
      }
      const role = el.attrs.get('role') ?? '';
      el.control = CONTROL_TAGS.has(el.tag) || CONTROL_ROLES.has(role);
      const tabindex = el.attrs.get('tabindex');
      el.focusable =
        (['button', 'input', 'textarea', 'select', 'summary'].includes(el.tag) ||
          (el.tag === 'a' && el.attrs.has('href')) ||
          (tabindex !== undefined && tabindex !== '-1')) &&
        el.attrs.get('type') !== 'hidden' &&
        el.attrs.get('aria-hidden') !== 'true' &&
        tabindex !== '-1';
      parent?.children.push(el);
      elements.push(el);
      visit(n.fragment, el);
      return;
    }
    if (n.type === 'Component') {
      const target = imports.get(String(n.name));
      if (target) {
        const list = usages.get(target) ?? [];
        list.push({ owner: file, parent });
        usages.set(target, list);
      }
      visit(n.fragment, parent);
      return;
    }
    for (const key of ['fragment', 'nodes', 'consequent', 'alternate', 'body', 'fallback', 'pending', 'then', 'catch']) {
      if (key in n) visit(n[key], parent);
    }
  };
  visit(ast.fragment, null);
}

// ---------------------------------------------------------------------------------------------
// A small cascade over the parsed rules.

type Side = { width: string; style: string; color: string };
type Computed = {
  color?: string;
  background?: string;
  opacity: number;
  sides: Side[];
  boxShadow?: string;
  outline: Side;
  fill?: string;
  content?: string;
  clipPath?: string;
  display?: string;
};

const BORDER_STYLES = /^(none|hidden|solid|dashed|dotted|double|groove|ridge|inset|outset)$/;

function expand<T>(values: T[]): T[] {
  const [a, b = a, c = a, d = b] = values;
  return [a, b, c, d];
}

function borderParts(value: string): Partial<Side> {
  const part: Partial<Side> = {};
  for (const token of splitTop(value.replace(/\s+/g, ' '), ' ')) {
    if (BORDER_STYLES.test(token)) part.style = token;
    else if (parseColour(token) !== null) part.color = token;
    else part.width = token;
  }
  return part;
}

const SIDES = ['top', 'right', 'bottom', 'left'];

function applyDecl(c: Computed, prop: string, value: string): void {
  const words = () => splitTop(value.replace(/\s+/g, ' '), ' ');
  if (prop === 'color') c.color = value;
  else if (prop === 'background') c.background = value.match(COLOUR_TOKEN)?.[0] ?? 'transparent';
  else if (prop === 'background-color') c.background = value;
  else if (prop === 'opacity') c.opacity = value.endsWith('%') ? parseFloat(value) / 100 : parseFloat(value);
  else if (prop === 'box-shadow') c.boxShadow = value;
  else if (prop === 'fill') c.fill = value;
  else if (prop === 'content') c.content = value;
  else if (prop === 'clip-path') c.clipPath = value;
  else if (prop === 'display') c.display = value;
  else if (prop === 'outline') c.outline = { width: 'medium', style: 'none', color: 'currentcolor', ...borderParts(value) };
  else if (prop === 'outline-color') c.outline.color = value;
  else if (prop === 'outline-style') c.outline.style = value;
  else if (prop === 'outline-width') c.outline.width = value;
  else if (prop === 'border') {
    c.sides = SIDES.map(() => ({ width: 'medium', style: 'none', color: 'currentcolor', ...borderParts(value) }));
  } else if (/^border-(top|right|bottom|left)$/.test(prop)) {
    c.sides[SIDES.indexOf(prop.slice(7))] = { width: 'medium', style: 'none', color: 'currentcolor', ...borderParts(value) };
  } else if (/^border-(width|style|color)$/.test(prop)) {
    const key = prop.slice(7) as keyof Side;
    expand(words()).forEach((v, i) => (c.sides[i][key] = v));
  } else if (/^border-(top|right|bottom|left)-(width|style|color)$/.test(prop)) {
    const [, side, key] = prop.split('-');
    c.sides[SIDES.indexOf(side)][key as keyof Side] = value;
  }
}

type Sources = { styles: Record<string, string>; components: Record<string, string> };
type Kind = 'text' | 'graphic' | 'boundary' | 'focus';
type Check = { kind: Kind; rule: string; where: string; fg: string; bg: string; ratio: number; min: number };
type Context = { surface: Rgb; text: Rgba; from: string };
/** One way an element chain can be: the classes each element has. */
type Variant = Map<El, Set<string>>;

function analyse(sources: Sources) {
  const rules: Rule[] = [];
  const elements: El[] = [];
  const usages = new Map<string, Usage[]>();
  for (const [file, css] of Object.entries(sources.styles).sort()) parseCss(css, file, 0, css, false, rules);
  for (const [file, source] of Object.entries(sources.components).sort()) {
    const style = /<style[^>]*>([\s\S]*?)<\/style>/.exec(source);
    if (style) parseCss(style[1], file, style.index + style[0].indexOf('>') + 1, source, true, rules);
    readTemplate(file, source, elements, usages);
  }
  const live = rules.filter((r) => !r.selector.disabled);

  // Design tokens.
  const tokens = new Map<string, string>();
  for (const rule of rules) {
    if (rule.selector.text !== ':root') continue;
    for (const d of rule.decls) if (d.prop.startsWith('--')) tokens.set(d.prop, d.value);
  }
  const resolve = (value: string, depth = 0): string => {
    if (depth > 10) throw new Error(`var() loop in ${value}`);
    const at = value.indexOf('var(');
    if (at < 0) return value;
    const end = closing(value, at + 3);
    const [name, fallback] = splitTop(value.slice(at + 4, end), ',');
    const found = tokens.get(name) ?? fallback;
    if (found === undefined) throw new Error(`unknown token ${name}`);
    return resolve(value.slice(0, at) + found + value.slice(end + 1), depth + 1);
  };
  const rootRule = rules.find((r) => r.selector.text === ':root');
  const rootDecl = (prop: string) => rootRule?.decls.find((d) => d.prop === prop)?.value;
  const rootBackground = solid(resolve(rootDecl('background') ?? '#ffffff'));
  const rootColour = solid(resolve(rootDecl('color') ?? '#000000'));
  const ROOT: Context = { surface: rootBackground, text: rootColour, from: ':root' };
  const FALLBACK: Context[] = [
    ROOT,
    { surface: solid(resolve(tokens.has('--white') ? 'var(--white)' : '#ffffff')), text: rootColour, from: '--white' },
  ];

  // Which classes a dynamic class can stand for: those the style sheets combine with its static ones.
  const classesInFile = (file: string) =>
    live.filter((r) => !r.scoped || r.file === file).flatMap((r) => r.selector.compounds.map((c) => c.classes));
  for (const el of elements) {
    const compounds = classesInFile(el.file);
    for (const prefix of el.prefixes) {
      el.groups.push([...new Set(compounds.flat().filter((c) => c.startsWith(prefix)))]);
    }
    if (el.wildcard) {
      // Classes combined with its static ones, and the file's classes no element has statically.
      const partners = new Set<string>();
      for (const classes of compounds) {
        if (classes.some((c) => el.statics.has(c))) for (const c of classes) if (!el.statics.has(c)) partners.add(c);
      }
      const known = new Set(elements.filter((e) => e.file === el.file).flatMap((e) => [...e.statics, ...e.toggles]));
      for (const rule of live) {
        if (rule.file !== el.file) continue;
        for (const c of rule.selector.compounds.flatMap((k) => k.classes)) if (!known.has(c)) partners.add(c);
      }
      el.groups.push([...partners].filter((c) => !el.toggles.includes(c)));
    }
  }

  const candidates = (el: El) => live.filter((r) => !r.scoped || r.file === el.file);
  const ruleCache = new Map<El, Rule[]>();
  const rulesFor = (el: El) => {
    let list = ruleCache.get(el);
    if (!list) {
      const possible = new Set([...el.statics, ...el.toggles, ...el.groups.flat()]);
      list = candidates(el).filter((r) => {
        const subject = r.selector.compounds.at(-1);
        if (!subject) return false;
        if (subject.tag && subject.tag !== el.tag) return false;
        return subject.classes.every((c) => possible.has(c));
      });
      ruleCache.set(el, list);
    }
    return list;
  };

  const chainOf = (el: El): El[] => {
    const chain: El[] = [];
    for (let e: El | null = el; e; e = e.parent) chain.unshift(e);
    return chain;
  };

  /** Every combination of the chain's optional classes. */
  const variantCache = new Map<El, Variant[]>();
  const variantsOf = (chain: El[]): Variant[] => {
    const last = chain[chain.length - 1];
    let list = variantCache.get(last);
    if (!list) {
      list = variants(chain);
      variantCache.set(last, list);
    }
    return list;
  };
  const variants = (chain: El[]): Variant[] => {
    let out: Variant[] = [new Map()];
    for (const el of chain) {
      const options: string[][] = [[]];
      for (const t of new Set(el.toggles)) {
        const copy = options.map((o) => [...o, t]);
        options.push(...copy);
      }
      const withGroups: string[][] = [];
      for (const o of options) {
        let combos: string[][] = [o];
        for (const group of el.groups) combos = combos.flatMap((c) => [c, ...group.map((g) => [...c, g])]);
        withGroups.push(...combos);
      }
      const next: Variant[] = [];
      for (const v of out) {
        for (const o of withGroups) {
          const copy = new Map(v);
          copy.set(el, new Set([...el.statics, ...o]));
          next.push(copy);
        }
      }
      out = next;
      if (out.length > 20_000) throw new Error(`too many class combinations around ${nameOf(el)}`);
    }
    return out;
  };

  const compoundMatches = (c: Compound, el: El, v: Variant) => {
    const classes = v.get(el) ?? el.statics;
    return (!c.tag || c.tag === el.tag) && c.classes.every((k) => classes.has(k));
  };

  /** Does `selector` match the last element of `chain` (in `variant`, in `states`, for `pseudo`)? */
  const matches = (s: Selector, chain: El[], v: Variant, states: Set<string>, pseudo: string | null) => {
    if (!s.states.every((x) => states.has(x))) return false;
    const compounds = s.compounds;
    const subject = compounds.at(-1);
    if (!subject || subject.pseudoElement !== pseudo) return false;
    if (!compoundMatches(subject, chain[chain.length - 1], v)) return false;
    let at = chain.length - 2;
    for (let i = compounds.length - 2; i >= 0; i--) {
      while (at >= 0 && !compoundMatches(compounds[i], chain[at], v)) at--;
      if (at < 0) return false;
      at--;
    }
    return true;
  };

  const compute = (chain: El[], v: Variant, states: Set<string>, pseudo: string | null): Computed => {
    const el = chain[chain.length - 1];
    const hits: { decl: Decl; key: number[] }[] = [];
    for (const rule of rulesFor(el)) {
      if (!matches(rule.selector, chain, v, states, pseudo)) continue;
      const specificity = rule.selector.specificity + (rule.scoped ? 1_000 : 0);
      rule.decls.forEach((decl, i) =>
        hits.push({ decl, key: [decl.important ? 1 : 0, specificity, rule.scoped ? 1 : 0, rule.order, i] }),
      );
    }
    hits.sort((a, b) => {
      for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i] - b.key[i];
      return 0;
    });
    const c: Computed = {
      opacity: 1,
      sides: SIDES.map(() => ({ width: 'medium', style: 'none', color: 'currentcolor' })),
      outline: { width: 'medium', style: 'none', color: 'currentcolor' },
    };
    for (const { decl } of hits) applyDecl(c, decl.prop, resolve(decl.value));
    return c;
  };

  type Env = { surface: Rgb; outer: Rgb; text: Rgba; opacity: number; own: Computed };

  /** Walks the chain from the context inwards: the text colour and the surface under it. */
  const environment = (chain: El[], v: Variant, states: Set<string>, ctx: Context, pseudo: string | null): Env => {
    let surface = ctx.surface;
    let outer = surface;
    let text = ctx.text;
    let opacity = 1;
    let own: Computed | null = null;
    const steps: { computed: Computed }[] = chain.map((_, i) => ({ computed: compute(chain.slice(0, i + 1), v, states, null) }));
    if (pseudo) steps.push({ computed: compute(chain, v, states, pseudo) });
    for (const { computed } of steps) {
      const colour = computed.color ? parseColour(computed.color) : null;
      if (colour && typeof colour === 'object') text = colour;
      opacity *= computed.opacity;
      const background = computed.background ? parseColour(computed.background) : null;
      outer = surface;
      if (background && typeof background === 'object' && background.a > 0) {
        surface = over({ ...background, a: background.a * opacity }, surface);
      }
      own = computed;
    }
    return { surface, outer, text: { ...text, a: text.a * opacity }, opacity, own: own! };
  };

  /** The surfaces (and inherited text colours) a component is placed on, through its users. */
  const contextCache = new Map<string, Context[]>();
  const contextsOf = (file: string, seen: string[] = []): Context[] => {
    const cached = contextCache.get(file);
    if (cached) return cached;
    const uses = usages.get(file);
    if (!uses || uses.length === 0 || seen.includes(file)) return [ROOT];
    const found = new Map<string, Context>();
    const add = (ctx: Context) => {
      const key = hex(ctx.surface) + hex(ctx.text);
      if (!found.has(key)) found.set(key, ctx);
    };
    for (const use of uses) {
      const outerContexts = contextsOf(use.owner, [...seen, file]);
      if (!use.parent) {
        // At the top of its user's template: it sits where its user sits.
        outerContexts.forEach(add);
        continue;
      }
      const chain = chainOf(use.parent);
      for (const ctx of outerContexts) {
        for (const v of variantsOf(chain)) {
          const env = environment(chain, v, new Set(), ctx, null);
          const text = over(env.text, env.surface);
          add({ surface: env.surface, text: { ...text, a: 1 }, from: nameOf(use.parent) });
        }
      }
    }
    const list = [...found.values()];
    contextCache.set(file, list);
    return list;
  };

  const checks: Check[] = [];
  const seenChecks = new Set<string>();
  const unmatched: string[] = [];
  const record = (check: Check) => {
    const key = [check.kind, check.rule, check.fg, check.bg].join('|');
    if (seenChecks.has(key)) return;
    seenChecks.add(key);
    checks.push(check);
  };
  const ruleName = (r: Rule) => `${r.file.replace(/^\/src\//, '')}:${r.line} ${r.selector.text}`;

  const COLOUR_PROPS = /^(color|background|background-color|opacity|fill|border.*)$/;
  const BOUNDARY_PROPS = /^(background|background-color|border.*)$/;

  /** Border sides that are drawn; one the colour of the surroundings is not (a tab merging into its panel). */
  const visibleSides = (c: Computed, text: Rgba, outer: Rgb): Rgb[] =>
    c.sides
      .filter((s) => s.style !== 'none' && s.style !== 'hidden' && !/^0(px|em)?$/.test(s.width))
      .map((s) => parseColour(s.color))
      .filter((s): s is Rgba | 'currentcolor' => s !== null && s !== 'transparent')
      .map((s) => over(s === 'currentcolor' ? text : s, outer))
      .filter((s) => hex(s) !== hex(outer));

  const hidden = (c: Computed) => c.opacity === 0 || c.display === 'none' || (c.clipPath ?? '').startsWith('inset(50%');

  /**
   * Whether text (or a graphic) is painted on this element's background: its own, or that of
   * descendants with no background of their own.
   */
  const paints = (what: 'text' | 'graphic', chain: El[], v: Variant): boolean => {
    const el = chain[chain.length - 1];
    if (what === 'text' ? el.ownText : el.ownGraphic) return true;
    return el.children.some((child) => {
      const inner = [...chain, child];
      const withChild = v.has(child) ? v : new Map(v).set(child, child.statics);
      const background = compute(inner, withChild, new Set(), null).background;
      const colour = background ? parseColour(background) : null;
      if (colour && typeof colour === 'object' && colour.a > 0) return false;
      return paints(what, inner, withChild);
    });
  };

  const checkElement = (rule: Rule | null, el: El, chain: El[], v: Variant, states: Set<string>, ctx: Context, pseudo: string | null) => {
    const env = environment(chain, v, states, ctx, pseudo);
    if (hidden(env.own)) return;
    const name = rule ? ruleName(rule) : '(no rule)';
    const where = `${nameOf(el)}${pseudo ? '::' + pseudo : ''} on ${ctx.from}`;
    const sets = (props: RegExp) => rule === null || rule.decls.some((d) => props.test(d.prop));
    // Text or icon colour on what is under it.
    const isText =
      pseudo === 'placeholder' ||
      pseudo === 'marker' ||
      (pseudo === null ? paints('text', chain, v) : /["'][^"']+["']/.test(env.own.content ?? ''));
    const isGraphic = !isText && pseudo === null && paints('graphic', chain, v);
    if ((isText || isGraphic) && sets(/^(color|background|background-color|opacity)$/)) {
      const fg = over(env.text, env.surface);
      record({
        kind: isText ? 'text' : 'graphic',
        rule: name,
        where,
        fg: hex(fg),
        bg: hex(env.surface),
        ratio: contrast(fg, env.surface),
        min: isText ? 4.5 : 3,
      });
    }
    // A shape's fill under the strokes drawn in the current colour.
    const fill = env.own.fill ? parseColour(env.own.fill) : null;
    if (fill && typeof fill === 'object' && rule?.decls.some((d) => d.prop === 'fill')) {
      const under = over(fill, env.surface);
      const fg = over(env.text, under);
      record({ kind: 'graphic', rule: name, where, fg: hex(fg), bg: hex(under), ratio: contrast(fg, under), min: 3 });
    }
    // A control's boundary: its fill, or else its border, against its surroundings.
    const currentBorder = env.own.sides.some((side) => side.color === 'currentcolor');
    if (el.control && pseudo === null && (sets(BOUNDARY_PROPS) || (currentBorder && sets(/^color$/)))) {
      const fillContrast = contrast(env.surface, env.outer);
      if (fillContrast < 3) {
        for (const side of visibleSides(env.own, env.text, env.outer)) {
          record({
            kind: 'boundary',
            rule: name,
            where,
            fg: hex(side),
            bg: hex(env.outer),
            ratio: contrast(side, env.outer),
            min: 3,
          });
        }
      }
    }
  };

  for (const rule of live) {
    if (!rule.decls.some((d) => COLOUR_PROPS.test(d.prop))) continue;
    if (rule.selector.text === ':root') continue;
    const subject = rule.selector.compounds.at(-1);
    if (!subject) continue;
    const states = new Set(rule.selector.states);
    let matched = false;
    for (const el of elements) {
      if (rule.scoped && el.file !== rule.file) continue;
      if (!rulesFor(el).includes(rule)) continue;
      const chain = chainOf(el);
      for (const v of variantsOf(chain)) {
        if (!matches(rule.selector, chain, v, states, subject.pseudoElement)) continue;
        matched = true;
        for (const ctx of contextsOf(el.file)) checkElement(rule, el, chain, v, states, ctx, subject.pseudoElement);
      }
    }
    if (!matched) {
      unmatched.push(ruleName(rule));
      const virtual: El = {
        file: rule.file,
        tag: subject.tag ?? 'div',
        statics: new Set(subject.classes),
        toggles: [],
        groups: [],
        prefixes: [],
        wildcard: false,
        parent: null,
        children: [],
        ownText: true,
        ownGraphic: false,
        control: CONTROL_TAGS.has(subject.tag ?? ''),
        focusable: false,
        attrs: new Map(),
      };
      const contexts = rule.scoped ? contextsOf(rule.file) : FALLBACK;
      const loose: Rule = { ...rule, selector: { ...rule.selector, compounds: [subject] } };
      ruleCache.set(virtual, [...candidates(virtual).filter((r) => r !== rule), loose]);
      for (const ctx of [...contexts, ...FALLBACK]) {
        checkElement(loose, virtual, [virtual], new Map([[virtual, virtual.statics]]), states, ctx, subject.pseudoElement);
      }
    }
  }

  // Focus: every focusable control, focused, shows a ring that stands out.
  const FOCUS = new Set(['focus-visible', 'focus']);
  for (const el of elements) {
    if (!el.focusable) continue;
    const chain = chainOf(el);
    for (const v of variantsOf(chain)) {
      for (const ctx of contextsOf(el.file)) {
        const env = environment(chain, v, FOCUS, ctx, null);
        if (hidden(env.own)) continue;
        const bands = ringBands(env.own, env.text).map((b) => over(b, env.outer));
        let best = 0;
        for (let i = 0; i < bands.length; i++) {
          const inner = i === 0 ? env.surface : bands[i - 1];
          const outside = i === bands.length - 1 ? env.outer : bands[i + 1];
          best = Math.max(best, Math.min(contrast(bands[i], inner), contrast(bands[i], outside)));
        }
        const key = `${nameOf(el)}|${hex(env.surface)}|${hex(env.outer)}`;
        if (seenChecks.has(key)) continue;
        seenChecks.add(key);
        checks.push({
          kind: 'focus',
          rule: env.own.boxShadow ? `box-shadow: ${env.own.boxShadow}` : '(no focus ring)',
          where: `${nameOf(el)} on ${ctx.from}`,
          fg: bands.map((b) => hex(b)).join('+') || 'none',
          bg: `${hex(env.surface)} inside, ${hex(env.outer)} outside`,
          ratio: best,
          min: 3,
        });
      }
    }
  }

  return { rules, elements, checks, unmatched, tokens, resolve };
}

/** The solid rings a focused element draws, innermost first (box-shadow spread, then outline). */
function ringBands(c: Computed, text: Rgba): Rgba[] {
  const bands: Rgba[] = [];
  let covered = 0;
  const layers: { spread: number; colour: Rgba }[] = [];
  if (c.boxShadow && c.boxShadow !== 'none') {
    for (const shadow of splitTop(c.boxShadow, ',')) {
      if (/\binset\b/.test(shadow)) continue;
      const colourText = shadow.match(COLOUR_TOKEN)?.[0];
      const lengths = shadow
        .replace(COLOUR_TOKEN, '')
        .trim()
        .split(/\s+/)
        .map((l) => parseFloat(l));
      const [x = 0, y = 0, blur = 0, spread = 0] = lengths;
      if (x !== 0 || y !== 0 || blur !== 0 || spread <= 0 || !colourText) continue;
      const colour = parseColour(colourText);
      if (colour === null || colour === 'transparent') continue;
      layers.push({ spread, colour: colour === 'currentcolor' ? text : colour });
    }
  }
  for (const layer of layers) {
    if (layer.spread <= covered) continue;
    bands.push(layer.colour);
    covered = layer.spread;
  }
  const outline = c.outline;
  if (outline.style !== 'none' && !/^0(px)?$/.test(outline.width)) {
    const colour = parseColour(outline.color);
    if (colour && colour !== 'transparent') bands.push(colour === 'currentcolor' ? text : colour);
  }
  return bands;
}

function nameOf(el: El): string {
  const classes = [...el.statics].map((c) => '.' + c).join('');
  return `${el.file.replace(/^\/src\//, '')} <${el.tag}${classes}>`;
}

function report(checks: Check[]): string {
  return checks
    .map(
      (c) =>
        `${c.kind} ${c.ratio.toFixed(2)}:1 < ${c.min}:1 — ${c.fg} on ${c.bg}\n    rule: ${c.rule}\n    element: ${c.where}`,
    )
    .join('\n');
}

// ---------------------------------------------------------------------------------------------

describe('contrast formula', () => {
  const ratio = (a: string, b: string) => contrast(solid(a), solid(b));

  it('matches known WCAG values', () => {
    expect(ratio('#000000', '#ffffff')).toBe(21);
    expect(ratio('#ffffff', '#ffffff')).toBe(1);
    expect(ratio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(ratio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(ratio('#ffffff', '#777777')).toBe(ratio('#777777', '#ffffff'));
    // The linearisation threshold: a channel of 10/255 (0.0392) is on the linear side.
    expect(luminance(solid('#0a0a0a'))).toBeCloseTo(10 / 255 / 12.92, 10);
  });

  it('composites translucent colours over the surface first', () => {
    expect(hex(over(solid('rgba(0, 0, 0, 0.5)'), solid('#ffffff')))).toBe('#808080');
    expect(hex(over(solid('rgb(255 255 255 / 0.35)'), solid('#000')))).toBe('#595959');
    expect(solid('#ffbf4780').a).toBeCloseTo(0.5, 2);
  });
});

describe('the checker', () => {
  const base = { '/src/styles/base.css': STYLES['/src/styles/base.css'] };

  it('finds the pairs of a small component and fails the bad ones', () => {
    const { checks } = analyse({
      styles: base,
      components: {
        '/src/Fixture.svelte': `
          <div class="card"><p class="note">{text}</p></div><button class="pick" class:on>{label}</button>
          <style>
            .card { background: var(--blue); }
            .note { color: var(--ink); }
            .pick { border: 2px solid #c5d3e0; background: var(--white); color: var(--ink); }
            .pick.on { color: rgba(20, 32, 43, 0.3); }
            .pick:disabled { color: var(--line); }
          </style>`,
      },
    });
    const failing = checks.filter((c) => c.ratio < c.min);
    const text = failing.filter((c) => c.kind === 'text').map((c) => c.rule);
    expect(text).toContain('Fixture.svelte:5 .note');
    expect(text).toContain('Fixture.svelte:7 .pick.on');
    expect(text.some((r) => r.includes(':disabled'))).toBe(false);
    // A white button on the pale page is told apart only by its border, which is too pale here.
    expect(failing.some((c) => c.kind === 'boundary' && c.rule === 'Fixture.svelte:6 .pick')).toBe(true);
    // The ink text is on the card's blue, not on the page.
    expect(checks.find((c) => c.rule === 'Fixture.svelte:5 .note')?.bg).toBe('#0b4f8a');
  });

  it('fails a control whose own shadow hides the focus ring', () => {
    const tile = {
      '/src/Fixture.svelte': `<button class="tile">{x}</button><style>.tile { box-shadow: 0 4px 0 var(--line); }</style>`,
    };
    const focus = (styles: Record<string, string>) =>
      analyse({ styles, components: tile }).checks.filter((c) => c.kind === 'focus');
    // Without !important in base.css the scoped .tile rule is more specific than :focus-visible.
    const weak = { '/src/styles/base.css': base['/src/styles/base.css'].replace('var(--focus) !important', 'var(--focus)') };
    expect(weak['/src/styles/base.css']).not.toBe(base['/src/styles/base.css']);
    expect(focus(weak).length).toBeGreaterThan(0);
    expect(focus(weak).every((c) => c.ratio < 3)).toBe(true);
    expect(focus(base).every((c) => c.ratio >= 3)).toBe(true);
  });
});

describe('the UI', () => {
  const result = analyse({ styles: STYLES, components: COMPONENTS });
  const count = (kind: Kind) => result.checks.filter((c) => c.kind === kind).length;

  it('reads the design tokens, rules and templates', () => {
    expect(result.tokens.get('--ink')).toBeDefined();
    expect(result.tokens.get('--focus')).toBeDefined();
    expect(Object.keys(COMPONENTS).length).toBeGreaterThan(50);
    expect(result.rules.length).toBeGreaterThan(700);
    expect(result.elements.length).toBeGreaterThan(500);
  });

  it('finds the pairs the UI uses', () => {
    // Guards against a parser that silently finds nothing: these are well below today's counts.
    expect(count('text')).toBeGreaterThan(250);
    expect(count('graphic')).toBeGreaterThan(30);
    expect(count('boundary')).toBeGreaterThan(70);
    expect(count('focus')).toBeGreaterThan(70);
  });

  it.each(['text', 'graphic', 'boundary', 'focus'] as Kind[])('%s contrast is enough everywhere', (kind) => {
    const failing = result.checks.filter((c) => c.kind === kind && c.ratio < c.min);
    expect(failing.length, report(failing)).toBe(0);
  });
});
