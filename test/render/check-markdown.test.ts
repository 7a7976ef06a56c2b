import { expect } from 'chai';
import { renderCheckMarkdown } from '../../src/render/check-markdown.js';
import { sampleReport } from './check-fixtures.js';

describe('check Markdown view', () => {
  it('gives the verdict, a control table and the findings with file:line, ready to follow the plan comment', () => {
    const md = renderCheckMarkdown(sampleReport());
    expect(md.startsWith('### bkp check: non-compliant\n')).to.equal(true);
    expect(md).to.include('| company | `recovery_point_minimum_retention` | **non-compliant** (1 finding) | 1 |');
    expect(md).to.include('| error | `recovery_point_minimum_retention` | `backup_plan.daily` | `main.bkp.hcl:13` |');
    expect(md).to.include('| not evaluated (needs -refresh)').and.not.include('not evaluated: not evaluated');
    for (const row of md.split('\n').filter((l) => l.startsWith('| error') || l.startsWith('| warning'))) {
      expect(row.split(/(?<!\\)\|/).length, row).to.equal(7);
    }
  });
});
