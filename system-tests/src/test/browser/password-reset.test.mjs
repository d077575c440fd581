// An agent who forgot their password, through the real product in headless Chromium and a real SMTP server.
// Run by MailAndRatingIT once its mail server (GreenMail) is up: SWITCHBOARD_MAILBOX is the test's view of what
// that server received (GET ?to=<address>: the decoded bodies of the mails to it, one after the other).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, expectErrors, useBrowser } from './browser.mjs';
import { team } from './team.mjs';

const journey = useBrowser({ timeout: 20_000 });
const NEW_PASSWORD = 'a fresh journey password';

/** The reset link of the newest mail to `address`, waiting for it to arrive. */
async function resetLink(address, mailsBefore = 0) {
    for (const deadline = Date.now() + 60_000; ;) {
        const response = await fetch(`${env('SWITCHBOARD_MAILBOX')}?to=${encodeURIComponent(address)}`);
        const links = [...(await response.text()).matchAll(/https?:\/\/\S+\/reset-password\.html#token=[\w-]+/g)];
        if (links.length > mailsBefore) return links[links.length - 1][0];
        assert.ok(Date.now() < deadline, `a reset mail to ${address} arrives`);
        await new Promise(resolve => setTimeout(resolve, 500));
    }
}

test('forgot password: the sign-in page offers it, the mail\'s link sets a new one once, the agent signs in with it',
    journey(async (first, t) => {
        let page = first;
        const { agents: [pia] } = await team(['Pia']);
        // The admin console's sign-in page offers it too.
        await page.goto('admin/signin.xhtml');
        await page.getByRole('link', { name: 'Forgot password?' }).waitFor();

        await page.goto('agent.html');
        await page.getByRole('link', { name: 'Forgot password?' }).click();
        await page.waitForURL(/reset-password\.html$/);
        await page.getByLabel('E-mail').fill(pia.email);
        await page.getByRole('button', { name: 'Send the link' }).click();
        const answer = await page.locator('#ask-done').filter({ hasText: 'If an account uses this address' })
            .textContent();

        // An address without an account gets the very same answer.
        await page.getByLabel('E-mail').fill(`nobody-${Date.now()}@example.com`);
        await page.getByRole('button', { name: 'Send the link' }).click();
        await page.locator('#ask-done').filter({ hasText: 'If an account uses this address' }).waitFor();
        assert.equal(await page.locator('#ask-done').textContent(), answer);

        // The mail's link opens in a tab of its own, as from a mail program.
        const link = await resetLink(pia.email);
        assert.ok(link.startsWith(env('SWITCHBOARD_URL')), `${link} leads to this installation`);
        page = await page.context().newPage();
        await page.goto(link);
        await page.getByLabel('New password').waitFor();
        assert.doesNotMatch(page.url(), /token/, 'the token leaves the address bar');
        await page.getByLabel('New password').fill(NEW_PASSWORD);
        await page.getByLabel('Repeat it').fill('not the same password');
        await page.getByRole('button', { name: 'Save the new password' }).click();
        await page.locator('#choose-problem').filter({ hasText: 'The two passwords differ.' }).waitFor();
        await page.getByLabel('Repeat it').fill(NEW_PASSWORD);
        await page.getByRole('button', { name: 'Save the new password' }).click();
        await page.locator('#done').getByText('Your password is changed').waitFor();

        // The token the agent held before is revoked.
        const before = await fetch(new URL('api/agent/me', env('SWITCHBOARD_URL')),
            { headers: { Authorization: `Bearer ${pia.token}` } });
        assert.equal(before.status, 401);

        await page.getByRole('link', { name: 'Sign in' }).click();
        await page.getByLabel('E-mail').fill(pia.email);
        await page.getByLabel('Password').fill(NEW_PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.locator('#app').waitFor();

        // The link works once.
        expectErrors(t, /Failed to load resource: the server responded with a status of 400/);
        page = await page.context().newPage();
        await page.goto(link);
        await page.getByLabel('New password').fill('yet another password');
        await page.getByLabel('Repeat it').fill('yet another password');
        await page.getByRole('button', { name: 'Save the new password' }).click();
        await page.locator('#choose-problem').filter({ hasText: 'has been used already' }).waitFor();
    }));
