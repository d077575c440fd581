// A visitor who left a message while nobody was online comes back to the chat from the mail with the answer, in a
// browser that never saw the chat (another device). Run by MailAndRatingIT once its mail server (GreenMail) holds
// that mail: SWITCHBOARD_MAILBOX is the test's view of what it received, SWITCHBOARD_MAIL_VISITOR the address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, useBrowser, watchErrors } from './browser.mjs';

const journey = useBrowser({ timeout: 20_000 });

/** The link back to the chat in the mails to `address`. */
async function comeBackLink(address) {
    const response = await fetch(`${env('SWITCHBOARD_MAILBOX')}?to=${encodeURIComponent(address)}`);
    const links = [...(await response.text()).matchAll(/https?:\/\/\S+\/visitor\.html\?inbox=\S+#back=[\w.-]+/g)];
    assert.equal(links.length, 1, `one link back to the chat in the mail to ${address}`);
    return links[0][0];
}

test('the answer\'s mail leads the visitor back to their chat on another device, where they write on',
    journey(async page => {
        const link = await comeBackLink(env('SWITCHBOARD_MAIL_VISITOR'));
        assert.ok(link.startsWith(env('SWITCHBOARD_URL')), `${link} leads to this installation`);
        // This journey's browser context is new: no token of the visitor's in its storage, as on another device.
        await page.goto(link);
        await page.locator('.entry.visitor', { hasText: 'Do you ship to Norway?' }).waitFor();
        await page.locator('.entry.agent', { hasText: 'Yes, we ship to Norway in three days.' }).waitFor();
        assert.doesNotMatch(page.url(), /back=/, 'the ticket leaves the address bar');

        await page.locator('#text').fill('Great, I will order today.');
        await page.locator('#text').press('Enter');
        await page.locator('.entry.visitor:not(.sending)', { hasText: 'Great, I will order today.' }).waitFor();
        await page.reload();
        await page.locator('.entry.visitor', { hasText: 'Great, I will order today.' }).waitFor();
        await page.locator('.entry.agent', { hasText: 'three days' }).waitFor();

        // A link somebody changed opens nobody's chat, and says so (in a browser of its own).
        const forged = await page.context().browser().newContext({ baseURL: env('SWITCHBOARD_URL') });
        try {
            const stranger = await forged.newPage();
            const errors = [];
            watchErrors(stranger, errors);
            await stranger.goto(link.replace(/#back=(\d+)/, (whole, id) => `#back=${Number(id) + 1}`));
            await stranger.locator('#problem', { hasText: 'This is not a link to a chat of ours.' }).waitFor();
            assert.equal(await stranger.locator('.entry', { hasText: 'Norway' }).count(), 0);
            assert.deepEqual(errors.filter(error => !/status of 400/.test(error)), [], 'only the refused ticket');
        } finally {
            await forged.close();
        }
    }));
