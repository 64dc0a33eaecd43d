import { changesPublic } from '../../../server/src/workflow/domain/change';
import { ACTIONS, RULES } from '../../../server/src/workflow/domain/machine';

describe('which workflow changes readers see', () => {
  test('publishing, a correction and a kill change what is public', () => {
    expect(changesPublic('publish', 'published')).toBe(true);
    expect(changesPublic('correct', 'published')).toBe(true);
    expect(changesPublic('kill', 'killed')).toBe(true);
  });

  test('an embargoed publish waits as scheduled, and review work, schedules, spikes and edits stay in the newsroom', () => {
    expect(changesPublic('publish', 'scheduled')).toBe(false);
    for (const action of ACTIONS.filter((a) => !['publish', 'correct', 'kill'].includes(a))) {
      expect([action, changesPublic(action, RULES[action].to)]).toEqual([action, false]);
    }
    expect(changesPublic('edit', 'published')).toBe(false);
    expect(changesPublic('reopen', 'in_review')).toBe(false);
  });
});
