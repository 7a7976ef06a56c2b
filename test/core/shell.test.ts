import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { shellWord } from '../../src/core/shell.js';

describe('shellWord', () => {
  it('leaves plain addresses and file names as they are', () => {
    expect(shellWord('backup_vault.main')).to.equal('backup_vault.main');
    expect(shellWord('module.prod.backup_plan.daily')).to.equal('module.prod.backup_plan.daily');
    expect(shellWord('plans/p.plan')).to.equal('plans/p.plan');
  });

  it('single-quotes what a shell would change, and reads back as the same word in sh', () => {
    for (const word of ['backup_vault.v["a"]', "backup_vault.v[\"it's\"]", 'backup_vault.v["$HOME *"]', 'saved plan', '']) {
      const quoted = shellWord(word);
      expect(quoted, word).to.match(/^'/);
      expect(execFileSync('sh', ['-c', `printf %s ${quoted}`]).toString(), word).to.equal(word);
    }
  });
});
