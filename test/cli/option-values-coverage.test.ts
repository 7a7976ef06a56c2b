// Every string option and every positional argument of the command line refuses an empty value
// (src/cli/commands/option-values.ts). Checked on the sources, so that an option or a command
// added later cannot leave it out: an empty value reached the commands as "not given".
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BOOLEAN_OPTIONS } from '../../src/cli/commands/option-values.js';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'cli');

function cliFiles(dir = CLI): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return cliFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The object literal that starts at `open` (a '{'), braces balanced; the sources hold no brace in a string there. */
function objectAt(text: string, open: number): string {
  let depth = 0;
  for (let at = open; at < text.length; at++) {
    if (text[at] === '{') depth++;
    else if (text[at] === '}' && --depth === 0) return text.slice(open, at + 1);
  }
  throw new Error(`unbalanced braces from offset ${open}`);
}

interface Declaration {
  file: string;
  call: 'option' | 'positional';
  name: string;
  settings: string;
}

function declarations(): Declaration[] {
  return cliFiles().flatMap((path) => {
    const text = readFileSync(path, 'utf8');
    return [...text.matchAll(/\.(option|positional)\('([\w-]+)',\s*\{/g)].map((match) => ({
      file: relative(CLI, path),
      call: match[1] as 'option' | 'positional',
      name: match[2]!,
      settings: objectAt(text, match.index + match[0].length - 1),
    }));
  });
}

/** The positional arguments a command string names: `import <address> <id>`, `fmt [paths..]`. */
function commandArguments(): Array<{ file: string; command: string; name: string }> {
  return cliFiles().flatMap((path) => {
    const text = readFileSync(path, 'utf8');
    return [...text.matchAll(/command: '([^']+)'/g)].flatMap((match) =>
      [...match[1]!.matchAll(/[<[](\w+)(?:\.\.)?[>\]]/g)]
        .map((argument) => argument[1]!)
        // `state <subcommand>` names one of its subcommands, which yargs checks.
        .filter((name) => name !== 'subcommand')
        .map((name) => ({ file: relative(CLI, path), command: match[1]!, name })),
    );
  });
}

describe('empty values on the command line', () => {
  const all = declarations();

  it('finds the declarations it checks', () => {
    expect(all.filter((d) => d.call === 'option').length).to.be.greaterThan(40);
    expect(all.filter((d) => d.call === 'positional').length).to.be.greaterThan(20);
  });

  it('every string option needs a value or has choices', () => {
    const unchecked = all
      .filter((d) => d.call === 'option' && /type: 'string'/.test(d.settings) && !/\bchoices:|\.\.\.needsValues?\(/.test(d.settings))
      .map((d) => `${d.file}: ${d.name}`);
    expect(unchecked).to.deep.equal([]);
  });

  // A yargs array takes every word up to the next option: `apply -var a=1 p.plan` read the plan
  // file as a second -var. needsValues() makes each occurrence take one value (nargs: 1).
  it('every repeatable option takes one value per occurrence (needsValues), never a greedy array of its own', () => {
    const greedy = all.filter((d) => d.call === 'option' && /\barray: true|type: 'array'/.test(d.settings)).map((d) => `${d.file}: ${d.name}`);
    expect(greedy).to.deep.equal([]);
    expect(all.filter((d) => d.call === 'option' && /\.\.\.needsValues\(/.test(d.settings)).map((d) => d.name)).to.include.members(['var', 'var-file', 'target', 'replace', 'metadata', 'tag']);
  });

  // -lock=maybe is refused by name (refuseNonBooleanValues): the list must name every boolean option.
  it('BOOLEAN_OPTIONS names every boolean option, and no name takes a value elsewhere', () => {
    const booleans = new Set(all.filter((d) => d.call === 'option' && /type: 'boolean'/.test(d.settings)).map((d) => d.name));
    expect([...BOOLEAN_OPTIONS].sort()).to.deep.equal([...booleans].sort());
    const valued = all.filter((d) => d.call === 'option' && !/type: 'boolean'/.test(d.settings) && booleans.has(d.name)).map((d) => `${d.file}: ${d.name}`);
    expect(valued).to.deep.equal([]);
  });

  it('every positional argument is declared, and refuses an empty value', () => {
    const declared = new Set(all.filter((d) => d.call === 'positional').map((d) => `${d.file}: ${d.name}`));
    const undeclared = commandArguments()
      .filter((a) => !declared.has(`${a.file}: ${a.name}`))
      .map((a) => `${a.file}: ${a.command}`);
    expect(undeclared).to.deep.equal([]);
    const unchecked = all.filter((d) => d.call === 'positional' && !/\.\.\.nonEmptyArguments?\(/.test(d.settings)).map((d) => `${d.file}: ${d.name}`);
    expect(unchecked).to.deep.equal([]);
  });
});
