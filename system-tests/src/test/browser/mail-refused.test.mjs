// A mail server that refuses the visitor's address, and then one that takes it. Run twice by MailAndRatingIT after
// mail-and-rating.test.mjs left the answer to SWITCHBOARD_MAIL_VISITOR waiting: SWITCHBOARD_MAIL_SERVER says which
// server listens now (`refusing`, then `taking`), and each run takes the journey of its server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env } from './browser.mjs';
import { adminConsole, useChat } from './chat-pages.mjs';

const chat = useChat();
const server = env('SWITCHBOARD_MAIL_SERVER');
const visitor = env('SWITCHBOARD_MAIL_VISITOR');

/** The visitor's line in the admin console's "Not sent", once `ready` holds for it (reloading the page meanwhile). */
async function undelivered(admin, ready) {
    const row = admin.locator('#undelivered\\:mails tr', { hasText: visitor });
    for (const deadline = Date.now() + 20_000; !(await row.count() && await ready(row));) {
        assert.ok(Date.now() < deadline, 'the mail\'s line shows as expected on the admin page');
        await new Promise(resolve => setTimeout(resolve, 500));
        await admin.reload();
    }
    return row;
}

test('a mail server that refuses the address fails the mail at once, and the admins see its answer',
    { skip: server !== 'refusing' }, chat(async open => {
        const admin = await adminConsole(open, 'admin/mail/index.xhtml');
        const row = await undelivered(admin,
            async line => (await line.locator('.mail-status').textContent()) === 'failed');
        assert.match(await row.locator('.mail-reason').textContent(), /550 5\.1\.1 .*User unknown/);
        const attempts = await row.locator('td').nth(3).textContent();
        // Refused is refused: no more attempts, where a server that is down gets them every second or two here.
        await new Promise(resolve => setTimeout(resolve, 3000));
        await admin.reload();
        assert.equal(await row.locator('td').nth(3).textContent(), attempts);
        assert.equal(await row.locator('.mail-status').textContent(), 'failed');
        await row.getByRole('button', { name: `Send the e-mail to ${visitor} again` }).waitFor();
    }));

test('once the server takes the mail, an admin sends the refused one again and it goes',
    { skip: server !== 'taking' }, chat(async open => {
        const admin = await adminConsole(open, 'admin/mail/index.xhtml');
        const row = await undelivered(admin,
            async line => (await line.locator('.mail-status').textContent()) === 'failed');
        await row.getByRole('button', { name: `Send the e-mail to ${visitor} again` }).click();
        await admin.getByText(`The e-mail to ${visitor} goes again.`).waitFor();
        const sent = admin.locator('#recent tr', { hasText: visitor })
            .filter({ has: admin.locator('td', { hasText: /^sent$/ }) });
        for (const deadline = Date.now() + 20_000; !(await sent.count());) {
            assert.ok(Date.now() < deadline, 'the mail goes');
            await new Promise(resolve => setTimeout(resolve, 500));
            await admin.reload();
        }
        assert.equal(await row.count(), 0, 'nothing left in "Not sent"');
    }));
