// A tiny XML writer for the query-protocol services (EC2, RDS). Elements with undefined content
// are left out, as AWS omits absent fields.

export type XmlNode = string | number | boolean | readonly (XmlElement | undefined)[] | undefined;

export interface XmlElement {
  name: string;
  content: XmlNode;
}

export function xmlEscape(text: string): string {
  // Most values (ids, states, dates) hold none of the five: testing first is cheaper than a replace.
  return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`) : text;
}

/** One element; `el('size', 8)` → `<size>8</size>`. */
export function el(name: string, content: XmlNode): XmlElement {
  return { name, content };
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
