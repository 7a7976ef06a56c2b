// EC2's XML conventions on top of the generic writer: lists are `<xxxSet><item>…</item></xxxSet>`,
// and a response is `<ActionResponse xmlns=…><requestId/>…</ActionResponse>`.
import { el, renderXml, type XmlElement } from '../xml.js';

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

/** A complete EC2 response document: `<ActionResponse xmlns=…><requestId/>…</ActionResponse>`. */
export function ec2Document(action: string, requestId: string, children: readonly (XmlElement | undefined)[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">` +
    `<requestId>${requestId}</requestId>${renderXml(children)}</${action}Response>`
  );
}
