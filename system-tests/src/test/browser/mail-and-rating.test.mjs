// E-mail and satisfaction ratings through the real product in headless Chromium. Run by MailAndRatingIT, which
// configures an SMTP server (SWITCHBOARD_SMTP_*) that is down while these journeys run and starts it afterwards to
// check what arrives; SWITCHBOARD_MAIL_VISITOR is the address the offline visitor leaves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { downloaded, env, expectErrors } from './browser.mjs';
import { team } from './team.mjs';
import { accept, adminConsole, agentConsole, panel, reply, say, timeline, toast, useChat, visitorOnShop,
    widgetState } from './chat-pages.mjs';

const chat = useChat();

test('an offline message gets its answer by e-mail; a mail server that is down shows in the admin console',
    chat(async open => {
        const { inbox, agents: [mia] } = await team(['Mia'], { offlineMessage: 'Back at 9.' });
        const visitor = await open('visitor');
        await visitor.goto(`visitor.html?inbox=${encodeURIComponent(inbox.name)}`);
        await visitor.locator('#offline-message', { hasText: 'Back at 9.' }).waitFor();
        const form = visitor.locator('#contact');
        // This installation sends e-mail: the address is required and the answer is promised by e-mail.
        await form.getByLabel('E-mail', { exact: false }).waitFor();
        assert.equal(await form.getByLabel('E-mail (optional)').count(), 0);
        assert.equal(await form.locator('#contact-email').evaluate(input => input.required), true);
        await form.getByLabel('Name').fill('Olga Offline');
        await form.getByLabel('E-mail').fill(env('SWITCHBOARD_MAIL_VISITOR'));
        await form.getByLabel('Message').fill('Do you ship to Norway?');
        await form.getByRole('button', { name: 'Send' }).click();
        await visitor.locator('#contact-done', { hasText: 'we will answer by e-mail' }).waitFor();

        const agent = await agentConsole(open, mia);
        await toast(agent).waitFor();
        await accept(agent);
        await timeline(agent).locator('.entry.visitor', { hasText: 'Do you ship to Norway?' }).waitFor();
        await reply(agent, 'Yes, we ship to Norway in three days.');
        await timeline(agent).locator('.entry.agent', { hasText: 'three days' }).waitFor();

        // The mail server is down: the mail waits for another attempt, and the admins see why.
        const admin = await adminConsole(open, 'admin/mail/index.xhtml');
        const row = admin.locator('#undelivered\\:mails tr', { hasText: env('SWITCHBOARD_MAIL_VISITOR') });
        for (const deadline = Date.now() + 20_000; !(await row.count());) {
            assert.ok(Date.now() < deadline, 'the failed attempt shows on the admin page');
            await admin.reload();
        }
        assert.match(await row.locator('.mail-status').textContent(), /retrying/);
        assert.match(await row.locator('.mail-reason').textContent(), /connect/i);
        await admin.locator('#smtp-server', { hasText: '127.0.0.1' }).waitFor();
        await admin.goto('admin/status.xhtml');
        await admin.locator('#mail-status', { hasText: 'not sent' }).waitFor();
    }));

test('a closed chat asks the visitor for a rating; the agent and the admins see it; a second one is refused',
    chat(async (open, t) => {
        const { inbox, agents: [noa] } = await team(['Noa']);
        const agent = await agentConsole(open, noa);
        const { chat: widget, page: shop } = await visitorOnShop(open, inbox);
        await say(widget, 'Where is my parcel?');
        await toast(agent).waitFor();
        await accept(agent);
        await reply(agent, 'It arrives tomorrow.');
        await widget.locator('.entry.agent', { hasText: 'tomorrow' }).waitFor();
        await panel(agent).getByRole('button', { name: 'Private note' }).click();
        await reply(agent, 'secret: VIP customer');
        await timeline(agent).locator('.entry.note', { hasText: 'VIP customer' }).waitFor();
        assert.equal(await widget.locator('#rating').isVisible(), false, 'no rating while the chat goes on');
        assert.equal(await widget.locator('#chat-log').isVisible(), false, 'no chat log while the chat goes on');

        await panel(agent).getByRole('button', { name: 'Close', exact: true }).click();
        const rating = widget.locator('#rating');
        await rating.waitFor();
        assert.equal(await rating.getByRole('radio').count(), 5);
        await rating.getByRole('radio', { name: '4 of 5' }).click();
        await rating.getByLabel('Comment (optional)').fill('Quick and <b>kind</b>');
        await rating.getByRole('button', { name: 'Send rating' }).click();
        await widget.locator('#rating-done', { hasText: 'Thank you for your rating.' }).waitFor();
        assert.equal(await rating.isVisible(), false);

        // The chat's log, to keep: public messages with the agent's name as the visitor saw it, never the note.
        const [log] = await Promise.all([shop.waitForEvent('download'), widget.locator('#chat-log').click()]);
        assert.match(log.suggestedFilename(), /^chat-\d+\.html$/);
        const html = (await downloaded(log)).toString('utf8');
        assert.match(html, /Where is my parcel\?/);
        assert.match(html, /It arrives tomorrow\./);
        assert.match(html, new RegExp(`${noa.name} · `));
        assert.doesNotMatch(html, /VIP customer/, 'private notes never reach the visitor');
        // As a PDF too: MailAndRatingIT reads its text back from SWITCHBOARD_DOWNLOADS.
        const [pdf] = await Promise.all([shop.waitForEvent('download'),
            widget.getByRole('button', { name: 'Download the chat log as PDF' }).click()]);
        assert.match(pdf.suggestedFilename(), /^chat-\d+\.pdf$/);
        await pdf.saveAs(`${env('SWITCHBOARD_DOWNLOADS')}/${pdf.suggestedFilename()}`);

        // The agent sees it on the conversation at once (conversation.rated), the comment as text.
        const shown = panel(agent).locator('.rating');
        await shown.locator('.rating-score', { hasText: '4/5' }).waitFor();
        assert.equal(await shown.locator('.rating-comment').textContent(), 'Quick and <b>kind</b>');
        assert.equal(await shown.locator('b').count(), 0);

        // A second rating, and one off the scale, are refused with their codes.
        expectErrors(t, /status of 409/);
        const frame = shop.frames().find(f => f.url().includes('visitor.html'));
        const { conversationId } = await widgetState(shop);
        const again = await frame.evaluate(async ([id, scores]) => {
            const token = window.switchboardWidget.state.token;
            const answers = [];
            for (const score of scores) {
                const response = await fetch(`api/visitor/conversations/${id}/rating`, { method: 'POST',
                    headers: { 'X-Visitor-Token': token, 'Content-Type': 'application/json' },
                    body: JSON.stringify({ score }) });
                answers.push([response.status, (await response.json()).code]);
            }
            return answers;
        }, [conversationId, [1, 9]]);
        assert.deepEqual(again, [[409, 'rating.already-given'], [409, 'rating.already-given']]);

        // The admins: on the conversation, and in the inbox's report (CSAT, in the CSV too).
        const admin = await adminConsole(open, `admin/conversations/view.xhtml?id=${conversationId}`);
        await admin.locator('#rating .rating-score', { hasText: '4/5' }).waitFor();
        assert.equal(await admin.locator('#rating .rating-comment').textContent(), 'Quick and <b>kind</b>');
        await admin.goto('admin/reports/index.xhtml');
        const select = admin.getByLabel('Inbox', { exact: true });
        await select.selectOption(await select.locator('option', { hasText: inbox.name }).getAttribute('value'));
        await admin.getByRole('button', { name: 'Show report' }).click();
        await admin.locator('#csat-total', { hasText: '100 %' }).waitFor();
        const [download] = await Promise.all([admin.waitForEvent('download'),
            admin.getByRole('button', { name: 'Download CSV' }).click()]);
        const csv = (await downloaded(download)).toString('utf8');
        assert.match(csv.split('\r\n').at(-2), /,1,1,100$/, 'the total line: rated, satisfied, CSAT');

        // Per agent, and per day in it: Noa's report counts the rating on today's line.
        await admin.getByLabel('Inbox', { exact: true }).selectOption('');
        await admin.getByLabel('Or agent').selectOption({ label: noa.name });
        await admin.getByRole('button', { name: 'Show report' }).click();
        await admin.locator('#report-title', { hasText: `agent ${noa.name}` }).waitFor();
        await admin.locator('#csat-total', { hasText: '100 %' }).waitFor();
        const today = admin.locator('#lines tbody tr', { hasText: new Date().toISOString().slice(0, 10) });
        assert.deepEqual((await today.locator('td').allTextContents()).slice(-2).map(cell => cell.trim()),
            ['1', '100 %'], 'rated and CSAT on the day of the rating');
    }));

test('an inbox that asks good or bad: the visitor who ended the chat answers "bad"', chat(async open => {
    const { inbox, agents: [ivy] } = await team(['Ivy']);
    const admin = await adminConsole(open, `admin/inboxes/edit.xhtml?id=${inbox.id}`);
    await admin.getByLabel('After a chat has ended, the widget asks').selectOption('GOOD_BAD');
    await admin.getByRole('button', { name: 'Save after-chat settings' }).click();
    await admin.locator('.messages', { hasText: 'good or bad' }).waitFor();

    const agent = await agentConsole(open, ivy);
    const { chat: widget } = await visitorOnShop(open, inbox);
    await say(widget, 'Hello?');
    await toast(agent).waitFor();
    await accept(agent);
    await reply(agent, 'Hi!');
    await widget.locator('.entry.agent', { hasText: 'Hi!' }).waitFor();
    await widget.getByRole('button', { name: 'End chat' }).click();
    const rating = widget.locator('#rating');
    await rating.waitFor();
    assert.deepEqual(await rating.getByRole('radio').allTextContents(), ['Good', 'Bad']);
    await rating.getByRole('radio', { name: 'Bad' }).click();
    await rating.getByRole('button', { name: 'Send rating' }).click();
    await widget.locator('#rating-done').waitFor();
    await panel(agent).locator('.rating-score', { hasText: 'bad' }).waitFor();
}));
