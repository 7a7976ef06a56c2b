// A tiny XML writer for EC2 responses. Elements with undefined content are left out, as EC2 omits
// absent fields; lists are `<xxxSet><item>…</item></xxxSet>`.

export type XmlNode = string | number | boolean | readonly (XmlElement | undefined)[] | undefined;

export interface XmlElement {
  name: string;
  content: XmlNode;
}

export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One element; `el('size', 8)` → `<size>8</size>`. */
export function el(name: string, content: XmlNode): XmlElement {
  return { name, content };
}

/** A list element: `<name><item>…</item>…</name>`. */
export function itemSet(name: string, items: readonly (readonly (XmlElement | undefined)[])[]): XmlElement {
  return el(
    name,
    items.map((children) => el('item', children)),
  );
}

/** Tags as EC2 lists them: `<tagSet><item><key/><value/></item></tagSet>`, or nothing when empty. */
export function tagSet(tags: Record<string, string>): XmlElement | undefined {
  const entries = Object.entries(tags);
  if (entries.length === 0) return undefined;
  return itemSet(
    'tagSet',
    entries.map(([key, value]) => [el('key', key), el('value', value)]),
  );
}

export function renderXml(elements: readonly (XmlElement | undefined)[]): string {
  let out = '';
  for (const element of elements) {
    if (element === undefined || element.content === undefined) continue;
    const { name, content } = element;
    const inner = Array.isArray(content) ? renderXml(content) : xmlEscape(String(content));
    out += `<${name}>${inner}</${name}>`;
  }
  return out;
}

/** A complete EC2 response document: `<ActionResponse xmlns=…><requestId/>…</ActionResponse>`. */
export function ec2Document(action: string, requestId: string, children: readonly (XmlElement | undefined)[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">` +
    `<requestId>${requestId}</requestId>${renderXml(children)}</${action}Response>`
  );
}
