// The run's one concurrency limit: never more calls at once than the limit, and no deadlock when
// every slot is held by a task that waits for limited calls of its own (an apply operation whose
// handler limits each AWS call, as a force_destroy vault's delete does).
import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { Limiter } from '../../src/engine/limiter.js';
import { groupedCalls } from '../support/grouped-replies.js';

describe('engine: limiter', () => {
  it('runs at most `limit` tasks at once', async () => {
    const limiter = new Limiter(3);
    let running = 0;
    let most = 0;
    await limiter.map([...Array(12).keys()], async () => {
      most = Math.max(most, ++running);
      await sleep(2);
      running--;
    });
    expect(most).to.equal(3);
  });

  it('passes a freed slot to the task waiting for it, not to a call that arrives meanwhile', async () => {
    const limiter = new Limiter(1);
    let running = 0;
    let most = 0;
    const work = async () => {
      most = Math.max(most, ++running);
      await sleep(2);
      running--;
    };
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = limiter.run(() => held);
    const queued = limiter.run(work);
    // Runs after the limiter's own continuation has freed the slot and before the queued task resumes.
    const arriving = held.then(() => limiter.run(work));
    release();
    await Promise.all([first, queued, arriving]);
    expect(most).to.equal(1);
  });

  it('stays within the limit when tasks holding slots make nested calls whose replies arrive together', async () => {
    const limiter = new Limiter(10);
    const aws = groupedCalls();
    const operation = async () => {
      for (let i = 0; i < 2; i++) await limiter.run(aws.call);
    };
    // Each operation then waits a turn outside the limit, as an apply waits for its state write.
    await Promise.all([...Array(400).keys()].map(() => limiter.run(operation).then(() => new Promise((resolve) => setImmediate(resolve)))));
    expect(aws.counts.most).to.equal(10);
  });

  it('lends a held slot to the nested calls of the task holding it when every slot is taken', async () => {
    const limiter = new Limiter(2);
    const done: number[] = [];
    // Two holders fill both slots; each waits for three nested limited calls, which would queue forever.
    const outcome = await Promise.race([
      limiter.map([0, 1], async (holder) => {
        await sleep(5); // both holders have their slot before either asks for more
        await Promise.all([0, 1, 2].map((i) => limiter.run(async () => {
          await sleep(1);
          done.push(holder * 10 + i);
        })));
        return holder;
      }),
      sleep(2_000).then(() => 'deadlock'),
    ]);
    expect(outcome).to.deep.equal([0, 1]);
    expect(done.sort((a, b) => a - b)).to.deep.equal([0, 1, 2, 10, 11, 12]);
  });

  it('lets a lent call nest further without waiting on itself', async () => {
    const limiter = new Limiter(1);
    const value = await Promise.race([limiter.run(() => limiter.run(() => limiter.run(async () => 'deep'))), sleep(2_000).then(() => 'deadlock')]);
    expect(value).to.equal('deep');
  });
});
