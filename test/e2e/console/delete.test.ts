import {describe, expect, it} from 'vitest';
import {consoleSuite, signedInPage} from '../../support/console.js';

// Issue 11, point 3: archive is the normal end, but an owner can delete a poll with its answers after a
// confirmation that names their number; an editor cannot.
describe('deleting a poll with its answers in the console', () => {
  const suite = consoleSuite();

  it('asks the owner to confirm the number of answers, then deletes the poll and its votes', async () => {
    const {context, page} = await signedInPage(suite.browser, suite.server, 'owner');
    page.setDefaultTimeout(10_000);
    const api = `${suite.server.url}/api/v1`;
    // A poll made and voted on through the real APIs, as a patron would.
    const created = await page.evaluate(async (admin) => {
      const session = await (await fetch(`${admin}/session`)).json();
      const response = await fetch(`${admin}/tenants/demo/polls`, {
        method: 'POST',
        headers: {'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken},
        body: JSON.stringify({question: {fi: 'Poistettava kysely', en: 'A poll to delete'}, options: [{label: {fi: 'Kyllä', en: 'Yes'}}, {label: {fi: 'Ei', en: 'No'}}]}),
      });
      return response.json();
    }, `${api}/admin`);
    const pollId = created.poll?.id ?? created.id;
    const poll = await (await fetch(`${api}/polls/${pollId}`)).json();
    for (let i = 0; i < 3; i++) {
      const vote = await fetch(`${api}/polls/${pollId}/votes`, {
        method: 'POST',
        headers: {'Content-Type': 'application/json', 'Idempotency-Key': `delete-test-${i}`},
        body: JSON.stringify({optionIds: [poll.options[0].id], voter: `voter-delete-test-${i}-abcdefgh`, channel: 'web'}),
      });
      expect(vote.status).toBe(201);
    }

    await page.goto(`${suite.server.url}/admin/t/demo/polls/`);
    const row = page.getByRole('row', {name: /A poll to delete/});
    await expect.poll(() => row.getByRole('cell').nth(1).textContent()).toContain('3');
    await row.getByRole('button', {name: /^Delete/}).click();
    const dialog = page.getByRole('alertdialog').or(page.getByRole('dialog'));
    await expect.poll(() => dialog.textContent()).toContain('and its 3 answers?');
    await dialog.getByRole('button', {name: 'Delete with the answers'}).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toContain('is deleted');
    expect((await fetch(`${api}/polls/${pollId}`)).status).toBe(404);
    await context.close();
  });

  it('offers editors no delete for a poll with answers', async () => {
    const {context, page} = await signedInPage(suite.browser, suite.server, 'editor');
    page.setDefaultTimeout(10_000);
    await page.goto(`${suite.server.url}/admin/t/demo/polls/`);
    // The closed demo poll has 23 votes.
    const row = page.getByRole('row', {name: /Mikä oli kesän paras|summer's best event/});
    await row.waitFor();
    expect(await row.getByRole('cell').nth(1).textContent()).toContain('23');
    expect(await row.getByRole('button', {name: /^Delete/}).count()).toBe(0);
    expect(await page.getByRole('button', {name: /^Delete/}).count()).toBeGreaterThanOrEqual(0);
    await context.close();
  });
});
