// Reading an EC2 query-protocol request: a form-encoded body (or query string) of flat keys such as
// `InstanceId.1`, `Filter.2.Value.1`, `TagSpecification.1.Tag.3.Key`. EC2 lists are "flattened":
// each member is numbered from 1, with no `.member.` segment.
import type { SandboxRequest } from '../protocol.js';
import { Ec2Error } from './errors.js';

export class Ec2Params {
  private readonly values: Map<string, string>;

  constructor(values: Map<string, string>) {
    this.values = values;
  }

  get(key: string): string | undefined {
    return this.values.get(key);
  }

  /** A required parameter; EC2 answers MissingParameter when it is absent. */
  require(key: string): string {
    const value = this.values.get(key);
    if (value === undefined || value === '') {
      throw new Ec2Error('MissingParameter', `The request must contain the parameter ${key}`);
    }
    return value;
  }

  /** An integer parameter, undefined when absent; InvalidParameterValue when not a number. */
  integer(key: string): number | undefined {
    const raw = this.values.get(key);
    if (raw === undefined) return undefined;
    if (!/^-?\d+$/.test(raw)) {
      throw new Ec2Error('InvalidParameterValue', `Invalid value '${raw}' for ${key}. It must be an integer.`);
    }
    return Number(raw);
  }

  boolean(key: string): boolean {
    return this.values.get(key)?.toLowerCase() === 'true';
  }

  /** `Prefix.1`, `Prefix.2`, … in numeric order. */
  list(prefix: string): string[] {
    return this.indexes(prefix).map((i) => this.values.get(`${prefix}.${i}`) ?? '');
  }

  /** The sub-parameters of each numbered member: `Filter.1.Name` → `Name` within member 1. */
  structures(prefix: string): Ec2Params[] {
    return this.indexes(prefix).map((i) => {
      const inner = new Map<string, string>();
      const start = `${prefix}.${i}.`;
      for (const [key, value] of this.values) if (key.startsWith(start)) inner.set(key.slice(start.length), value);
      return new Ec2Params(inner);
    });
  }

  /** `Tag.N.Key` / `Tag.N.Value` pairs under a prefix. */
  tags(prefix = 'Tag'): Record<string, string> {
    const tags: Record<string, string> = {};
    for (const tag of this.structures(prefix)) {
      const key = tag.get('Key');
      if (key !== undefined) tags[key] = tag.get('Value') ?? '';
    }
    return tags;
  }

  private indexes(prefix: string): number[] {
    const found = new Set<number>();
    const pattern = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)(?:\\.|$)`);
    for (const key of this.values.keys()) {
      const match = pattern.exec(key);
      if (match) found.add(Number(match[1]));
    }
    return [...found].sort((a, b) => a - b);
  }
}

/** The parameters of a request: query string and form body together (the SDK sends a body). */
export function parseEc2Params(req: SandboxRequest): Ec2Params {
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(req.query)) {
    values.set(key, Array.isArray(value) ? (value[0] ?? '') : value);
  }
  const body = new TextDecoder().decode(req.body);
  if (body.length > 0) {
    for (const [key, value] of new URLSearchParams(body)) values.set(key, value);
  }
  return new Ec2Params(values);
}

export interface Ec2Filter {
  name: string;
  values: string[];
}

export function parseFilters(params: Ec2Params): Ec2Filter[] {
  return params.structures('Filter').map((f) => ({ name: f.get('Name') ?? '', values: f.list('Value') }));
}
