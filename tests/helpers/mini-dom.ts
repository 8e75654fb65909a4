// A minimal DOM for the UI extension tests: what Preact needs to render into `document.body` (elements, text
// nodes, attributes, listeners), plus textContent and a small querySelector (tags, #id, [attr], [attr="v"],
// descendant combinators). @shopify/ui-extensions-tester asks for a mock DOM such as jsdom; this project has no
// DOM package installed, and the extensions' `s-*` elements are plain custom elements to a DOM anyway (the
// host implements them), so this is enough. Events go to the element's own listeners (no bubbling), which is
// where Preact puts them.

const XHTML = "http://www.w3.org/1999/xhtml";

class MiniNode extends EventTarget {
  parentNode: MiniElement | null = null;
  childNodes: MiniNode[] = [];
  ownerDocument: MiniDocument | null = null;
  readonly nodeType: number;

  constructor(nodeType: number) {
    super();
    this.nodeType = nodeType;
  }

  get firstChild(): MiniNode | null {
    return this.childNodes[0] ?? null;
  }

  get lastChild(): MiniNode | null {
    return this.childNodes[this.childNodes.length - 1] ?? null;
  }

  get nextSibling(): MiniNode | null {
    const siblings = this.parentNode?.childNodes;
    if (!siblings) return null;
    return siblings[siblings.indexOf(this) + 1] ?? null;
  }

  get textContent(): string {
    return this.childNodes.map((child) => child.textContent).join("");
  }

  set textContent(value: string) {
    for (const child of this.childNodes) child.parentNode = null;
    this.childNodes = [];
    if (value) this.appendChild(new MiniText(String(value)));
  }

  appendChild<T extends MiniNode>(node: T): T {
    return this.insertBefore(node, null);
  }

  insertBefore<T extends MiniNode>(node: T, reference: MiniNode | null): T {
    node.remove();
    const index = reference ? this.childNodes.indexOf(reference) : -1;
    if (index < 0) this.childNodes.push(node);
    else this.childNodes.splice(index, 0, node);
    node.parentNode = this as unknown as MiniElement;
    return node;
  }

  removeChild<T extends MiniNode>(node: T): T {
    const index = this.childNodes.indexOf(node);
    if (index >= 0) this.childNodes.splice(index, 1);
    node.parentNode = null;
    return node;
  }

  remove(): void {
    this.parentNode?.removeChild(this);
  }

  contains(node: MiniNode | null): boolean {
    for (let current = node; current; current = current.parentNode) if (current === this) return true;
    return false;
  }
}

class MiniText extends MiniNode {
  data: string;

  constructor(data: string) {
    super(3);
    this.data = data;
  }

  override get textContent(): string {
    return this.data;
  }

  override set textContent(value: string) {
    this.data = value;
  }
}

type Compound = {
  tag: string | null;
  id: string | null;
  attributes: Array<{ name: string; value: string | null }>;
};
// Compounds from left to right, each with the combinator that joins it to the previous one.
type Selector = Array<{ compound: Compound; combinator: " " | ">" }>;

function parseCompound(part: string): Compound {
  const tag = /^[a-z][\w-]*/i.exec(part)?.[0]?.toLowerCase() ?? null;
  const id = /#([\w-]+)/.exec(part)?.[1] ?? null;
  const attributes = [...part.matchAll(/\[([\w-]+)(?:="([^"]*)")?\]/g)].map((match) => ({
    name: match[1] ?? "",
    value: match[2] ?? null,
  }));
  return { tag, id, attributes };
}

function parseSelector(selector: string): Selector {
  const tokens = selector
    .trim()
    .replace(/\s*>\s*/g, " > ")
    .split(/\s+(?![^[]*\])/);
  const parsed: Selector = [];
  let combinator: " " | ">" = " ";
  for (const token of tokens) {
    if (token === ">") combinator = ">";
    else {
      parsed.push({ compound: parseCompound(token), combinator });
      combinator = " ";
    }
  }
  return parsed;
}

class MiniElement extends MiniNode {
  readonly localName: string;
  readonly namespaceURI: string;
  readonly style: Record<string, string> & { setProperty(name: string, value: string): void };
  #attributes = new Map<string, string>();

  // Present so Preact infers lower-case DOM event names (onClick → "click"), as it does in a browser.
  onclick = null;
  onchange = null;
  oninput = null;
  onblur = null;
  onfocus = null;
  onsubmit = null;

  constructor(localName: string, namespaceURI = XHTML) {
    super(1);
    this.localName = localName.toLowerCase();
    this.namespaceURI = namespaceURI;
    const style: Record<string, string> = {};
    this.style = Object.assign(style, {
      setProperty: (name: string, value: string) => {
        style[name] = value;
      },
    });
  }

  get tagName(): string {
    return this.localName.toUpperCase();
  }

  get id(): string {
    return this.getAttribute("id") ?? "";
  }

  get attributes(): Array<{ name: string; value: string }> {
    return [...this.#attributes].map(([name, value]) => ({ name, value }));
  }

  get children(): MiniElement[] {
    return this.childNodes.filter((node): node is MiniElement => node instanceof MiniElement);
  }

  set innerHTML(value: string) {
    if (value !== "") throw new Error("mini-dom: innerHTML only supports clearing");
    this.textContent = "";
  }

  get innerHTML(): string {
    return this.childNodes.length ? "[children]" : "";
  }

  setAttribute(name: string, value: unknown): void {
    this.#attributes.set(name.toLowerCase(), String(value));
  }

  getAttribute(name: string): string | null {
    return this.#attributes.get(name.toLowerCase()) ?? null;
  }

  hasAttribute(name: string): boolean {
    return this.#attributes.has(name.toLowerCase());
  }

  removeAttribute(name: string): void {
    this.#attributes.delete(name.toLowerCase());
  }

  matchesCompound(part: Compound): boolean {
    if (part.tag && part.tag !== this.localName) return false;
    if (part.id && part.id !== this.id) return false;
    return part.attributes.every(({ name, value }) =>
      value === null ? this.hasAttribute(name) : this.getAttribute(name) === value,
    );
  }

  matches(selector: string): boolean {
    return selector.split(",").some((single) => {
      const parsed = parseSelector(single);
      return matchesFrom(this, parsed, parsed.length - 1);
    });
  }

  querySelectorAll(selector: string): MiniElement[] {
    const found: MiniElement[] = [];
    const visit = (node: MiniNode) => {
      for (const child of node.childNodes) {
        if (child instanceof MiniElement) {
          if (child.matches(selector)) found.push(child);
          visit(child);
        }
      }
    };
    visit(this);
    return found;
  }

  querySelector(selector: string): MiniElement | null {
    return this.querySelectorAll(selector)[0] ?? null;
  }
}

// Does `element` match selector[0..index], with selector[index] on the element itself?
function matchesFrom(element: MiniElement, selector: Selector, index: number): boolean {
  const step = selector[index];
  if (!step || !element.matchesCompound(step.compound)) return false;
  if (index === 0) return true;
  const parent = element.parentNode instanceof MiniElement ? element.parentNode : null;
  if (step.combinator === ">") return parent !== null && matchesFrom(parent, selector, index - 1);
  for (
    let ancestor = parent;
    ancestor;
    ancestor = ancestor.parentNode instanceof MiniElement ? ancestor.parentNode : null
  ) {
    if (matchesFrom(ancestor, selector, index - 1)) return true;
  }
  return false;
}

class MiniDocument extends MiniNode {
  readonly body: MiniElement;

  constructor() {
    super(9);
    const html = this.createElement("html");
    this.body = this.createElement("body");
    html.appendChild(this.body);
    this.appendChild(html);
  }

  createElement(localName: string): MiniElement {
    return this.createElementNS(XHTML, localName);
  }

  createElementNS(namespace: string | null, localName: string): MiniElement {
    const element = new MiniElement(localName, namespace ?? XHTML);
    element.ownerDocument = this;
    return element;
  }

  createTextNode(data: string): MiniText {
    const text = new MiniText(String(data));
    text.ownerDocument = this;
    return text;
  }

  querySelectorAll(selector: string): MiniElement[] {
    return this.body.querySelectorAll(selector);
  }

  querySelector(selector: string): MiniElement | null {
    return this.body.querySelector(selector);
  }
}

export type { MiniElement };

// Installs a fresh document on globalThis (each test file runs in its own module graph).
export function installMiniDom(): MiniDocument {
  const document = new MiniDocument();
  Object.assign(globalThis, { document });
  return document;
}

installMiniDom();
