import { expect } from 'chai';
import { UNKNOWN } from '../../../src/core/values.js';
import { BACKUP_VAULT_EVENTS, checkNotifications } from '../../../src/resources/rules/notifications.js';

const topic = 'arn:aws:sns:eu-west-1:123456789012:backup-events';

describe('resources/rules/notifications', () => {
  it('accepts every AWS Backup vault event', () => {
    expect(checkNotifications({ sns_topic_arn: topic, events: [...BACKUP_VAULT_EVENTS] }, '/notifications')).to.deep.equal([]);
    expect(BACKUP_VAULT_EVENTS).to.have.length(24);
  });

  it('suggests the closest event name on a typo', () => {
    const [p, ...rest] = checkNotifications({ sns_topic_arn: topic, events: ['BACKUP_JOB_FAILED', 'BACKUP_JOB_FAILD'] }, '/notifications');
    expect(rest).to.be.empty;
    expect(p!.path).to.equal('/notifications/events/1');
    expect(p!.summary).to.equal('Unknown notification event');
    expect(p!.detail).to.equal('"BACKUP_JOB_FAILD" is not an AWS Backup vault event. Did you mean "BACKUP_JOB_FAILED"?');
  });

  it('recognises the event in another spelling', () => {
    expect(checkNotifications({ sns_topic_arn: topic, events: ['backup job expired'] }, '/n')[0]!.detail).to.include('Did you mean "BACKUP_JOB_EXPIRED"?');
  });

  it('lists the valid events when nothing is close', () => {
    expect(checkNotifications({ sns_topic_arn: topic, events: ['SOMETHING_ELSE_ENTIRELY_HAPPENED'] }, '/n')[0]!.detail).to.include('Valid events: BACKUP_JOB_STARTED,');
  });

  it('checks the topic ARN and skips unknowns', () => {
    const [p] = checkNotifications({ sns_topic_arn: 'my-topic', events: [UNKNOWN] }, '/notifications');
    expect(p!.path).to.equal('/notifications/sns_topic_arn');
    expect(checkNotifications(UNKNOWN, '/notifications')).to.deep.equal([]);
  });
});
