// The agent console's tools around a live chat, in a real headless Chromium: canned responses and quick replies,
// quotes, option menus, server-side drafts, tags and unread, transfers and invitations, broadcast chats, blocking,
// several conversations at once, the queue and the visitor's own reconnect.
// Run by ConsoleBrowserIT, which passes the product's address and the admin account.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env } from './browser.mjs';
import { PASSWORD, presence, signIn, team } from './team.mjs';
import { accept, agentConsole, panel, reply, say, timeline, toast, useChat, visitorOnShop, waitUntil }
    from './chat-pages.mjs';

const chat = useChat();

async function draftOf(agent, conversationId) {
    const response = await fetch(new URL(`api/agent/conversations/${conversationId}/workspace/draft`,
        env('SWITCHBOARD_URL')), { headers: { Authorization: `Bearer ${agent.token}` } });
    return (await response.json()).text;
}

async function me(token) {
    const response = await fetch(new URL('api/agent/me', env('SWITCHBOARD_URL')),
        { headers: { Authorization: `Bearer ${token}` } });
    return response.json();
}

/** A visitor on the shop who wrote `first`, and the agent's console with that conversation accepted. */
async function liveChat(open, agent, inbox, first = 'hello') {
    const page = await agentConsole(open, agent);
    const visitor = await visitorOnShop(open, inbox);
    await say(visitor.chat, first);
    await accept(page);
    await timeline(page).locator('.entry.visitor', { hasText: first }).waitFor();
    return { page, chat: visitor.chat, shop: visitor.page };
}

test('quick replies from a message, canned responses by shortcut and picker, quotes', chat(async open => {
    const { inbox, agents: [ann] } = await team(['Ann']);
    const { page, chat: widget } = await liveChat(open, ann, inbox, 'when are you open?');
    await reply(page, 'We are open from 9 to 5.');
    const ours = timeline(page).locator('.entry.agent', { hasText: 'We are open' });
    await ours.waitFor();

    await ours.hover();
    await ours.getByRole('button', { name: 'Save as quick reply' }).click();
    const dialog = page.locator('#dialog');
    await dialog.getByLabel('Title').fill('Opening hours');
    await dialog.getByLabel('Shortcut').fill('hours');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const box = panel(page).getByLabel('Reply');
    await box.fill('Again: /hours');
    await box.press('Tab');
    assert.equal(await box.inputValue(), 'Again: We are open from 9 to 5.');
    await box.fill('');
    await panel(page).getByRole('button', { name: 'Canned' }).click();
    await dialog.getByRole('button', { name: /Opening hours/ }).click();
    assert.equal(await box.inputValue(), 'We are open from 9 to 5.');

    const question = timeline(page).locator('.entry.visitor', { hasText: 'when are you open?' });
    await question.hover();
    await question.getByRole('button', { name: 'Quote' }).click();
    await box.press('Enter');
    const quoted = widget.locator('.entry.agent', { has: widget.locator('blockquote', { hasText: 'when are you open?' }) });
    await quoted.waitFor();
    assert.equal(await quoted.locator('.text').textContent(), 'We are open from 9 to 5.');
    // After the send: no quote left, the counter back at nought, nothing typing, and no draft of what was sent.
    await panel(page).locator('.quote-box').waitFor({ state: 'hidden' });
    assert.equal(await box.inputValue(), '');
    assert.equal(await panel(page).locator('.counter').textContent(), '0 / 2000');
    await new Promise(resolve => setTimeout(resolve, 1_500));   // a typing frame sent after the reply has arrived
    assert.notEqual(await widget.locator('#agent').getAttribute('data-typing'), 'yes', 'the visitor sees nobody typing');

    await question.hover();
    await question.getByRole('button', { name: 'Quote' }).click();
    await panel(page).getByRole('button', { name: 'Remove quote' }).click();
    await panel(page).locator('.quote-box').waitFor({ state: 'hidden' });

    const id = await panel(page).getAttribute('data-conversation-id');
    await waitUntil(async () => !(await draftOf(ann, id)));     // a sent text never comes back as a draft
}));

test('an options menu: the visitor picks, the agent reads the pick', chat(async open => {
    const { inbox, agents: [bea] } = await team(['Bea']);
    const { page, chat: widget } = await liveChat(open, bea, inbox, 'I need help');
    await panel(page).getByRole('button', { name: 'Options menu' }).click();
    const dialog = page.locator('#dialog');
    await dialog.getByLabel('Question').fill('What is it about?');
    await dialog.getByLabel('Options').fill('Billing\nShipping');
    await dialog.getByRole('button', { name: 'Send' }).click();
    const menu = widget.locator('.entry.agent', { hasText: 'What is it about?' }).locator('.options');
    await menu.getByRole('button', { name: 'Shipping' }).click();
    assert.equal(await menu.getByRole('button', { name: 'Billing' }).isDisabled(), true);
    await timeline(page).locator('.entry.visitor', { hasText: 'Shipping' }).waitFor();
}));

test('a draft is kept by the server: after a reload the conversation reopens with it', chat(async open => {
    const { inbox, agents: [cid] } = await team(['Cid']);
    const { page } = await liveChat(open, cid, inbox);
    await panel(page).getByLabel('Reply').fill('half-written answer');
    const id = await panel(page).getAttribute('data-conversation-id');
    await waitUntil(async () => (await draftOf(cid, id)) === 'half-written answer');
    await page.reload();
    await page.waitForFunction(() => document.querySelector('.conversation:not([hidden]) textarea')?.value
        === 'half-written answer');
}));

test('tags, mark unread and the filters of the list', chat(async open => {
    const { inbox, agents: [dan] } = await team(['Dan']);
    const { page, chat: widget } = await liveChat(open, dan, inbox, 'invoice question');
    await panel(page).getByRole('button', { name: 'Tags' }).click();
    await page.locator('#dialog').getByLabel('Tags').fill('billing, VIP');
    await page.locator('#dialog').getByRole('button', { name: 'Save' }).click();
    const id = await panel(page).getAttribute('data-conversation-id');
    const line = page.locator(`.conversation-list li[data-conversation-id="${id}"]`);
    await line.locator('.tag', { hasText: 'vip' }).waitFor();

    await page.getByLabel('Tag filter').fill('nothing-like-this');
    await page.getByLabel('Tag filter').press('Tab');
    await page.locator('#list-empty').waitFor();
    await page.getByLabel('Tag filter').fill('billing');
    await page.getByLabel('Tag filter').press('Tab');
    await line.waitFor();

    await say(widget, 'are you there?');
    await timeline(page).locator('.entry.visitor', { hasText: 'are you there?' }).waitFor();
    // The open view read it at once (a receipt on the socket); marking it unread must come after that receipt
    // was taken, which the visitor sees as "read". Sooner, the click raced the receipt and could lose.
    await widget.locator('.entry.visitor[data-status="read"]', { hasText: 'are you there?' }).waitFor();
    await panel(page).getByRole('button', { name: 'Mark unread' }).click();
    await line.locator('.badge').waitFor();
    await page.locator('#unread-total', { hasText: 'unread' }).waitFor();
}));

test('a transfer is an offer to the colleague; an invitation lets another colleague write notes', chat(async open => {
    const { inbox, agents: [eve, fay, gus] } = await team(['Eve', 'Fay', 'Gus']);
    const { page, chat: widget } = await liveChat(open, eve, inbox, 'transfer me');
    const fayPage = await agentConsole(open, fay);
    const gusPage = await agentConsole(open, gus);

    await panel(page).getByRole('button', { name: 'Invite' }).click();
    await page.locator('#dialog').getByLabel('Who').selectOption({ label: `${gus.name} (online)` });
    await page.locator('#dialog').getByRole('button', { name: 'Invite' }).click();
    await toast(gusPage, 'Invitation to a chat').getByRole('button', { name: 'Accept' }).click();
    await timeline(gusPage).locator('.entry.visitor', { hasText: 'transfer me' }).waitFor();
    await panel(gusPage).getByRole('button', { name: 'Private note' }).click();
    await reply(gusPage, 'Gus was here');
    await timeline(page).locator('.entry.note', { hasText: 'Gus was here' }).waitFor();

    await panel(page).getByRole('button', { name: 'Transfer' }).click();
    await page.locator('#dialog').getByLabel('Agent').selectOption({ label: `${fay.name} (online)` });
    await page.locator('#dialog').getByRole('button', { name: 'Transfer' }).click();
    // The widget hears Eve go with the transfer and Fay come with her accept, before Fay writes anything.
    await widget.locator('.entry.system', { hasText: `${eve.name} left the chat.` }).waitFor();
    await accept(fayPage);
    await widget.locator('.entry.system', { hasText: `${fay.name} joined the chat.` }).waitFor();
    await reply(fayPage, 'Fay here, taking over.');
    await widget.locator('.entry.agent', { hasText: 'Fay here' }).waitFor();
    await widget.locator('#agent', { hasText: fay.name }).waitFor();
}));

test('a closed chat handed to a colleague stays closed, and the notice says so', chat(async open => {
    const { inbox, agents: [ivy, jon] } = await team(['Ivy', 'Jon']);
    const { page } = await liveChat(open, ivy, inbox, 'thanks, bye');
    await presence(jon, 'ONLINE');
    await panel(page).getByRole('button', { name: 'Close', exact: true }).click();
    await panel(page).locator('.notice', { hasText: 'Closed.' }).waitFor();

    await panel(page).getByRole('button', { name: 'Transfer' }).click();
    await page.locator('#dialog', { hasText: 'It is closed: it goes to them as it is and stays closed.' }).waitFor();
    await page.locator('#dialog').getByLabel('Agent').selectOption({ label: `${jon.name} (online)` });
    await page.locator('#dialog').getByRole('button', { name: 'Transfer' }).click();
    await panel(page).locator('.notice', { hasText: `Handed to ${jon.name}. The conversation stays closed.` }).waitFor();
    const id = await panel(page).getAttribute('data-conversation-id');
    const response = await fetch(new URL(`api/agent/conversations?assignee=me&status=CLOSED`,
        env('SWITCHBOARD_URL')), { headers: { Authorization: `Bearer ${jon.token}` } });
    const held = await response.json();
    assert.ok(held.items.some(c => String(c.id) === id), `Jon holds it, closed: ${JSON.stringify(held)}`);
}));

test('signing in brings back the status the agent chose; offline, the console says so and goes online in a click',
    chat(async open => {
        const { agents: [kim, lou] } = await team(['Kim', 'Lou']);
        const page = await agentConsole(open, kim);       // online through the status menu
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.locator('#signin').waitFor();
        // Signed out, her console is gone: after the grace period the server takes her offline. Done at once here.
        const token = await signIn(kim.email, PASSWORD);
        await presence({ token }, 'OFFLINE');

        await page.getByLabel('E-mail').fill(kim.email);
        await page.getByLabel('Password').fill(PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.locator('#app').waitFor();
        await waitUntil(async () => (await me(token)).presence === 'ONLINE');
        assert.equal(await page.locator('#presence').inputValue(), 'ONLINE');
        assert.equal(await page.locator('#presence-hint').isVisible(), false);

        // Someone who never chose a status here is told that no chats come while offline.
        const other = await open('Lou');
        await other.goto('agent.html');
        await other.getByLabel('E-mail').fill(lou.email);
        await other.getByLabel('Password').fill(PASSWORD);
        await other.getByRole('button', { name: 'Sign in' }).click();
        const hint = other.locator('#presence-hint', { hasText: 'You are offline: no chats are offered to you.' });
        await hint.waitFor();
        await hint.getByRole('button', { name: 'Go online' }).click();
        await hint.waitFor({ state: 'hidden' });
        await waitUntil(async () => (await me(lou.token)).presence === 'ONLINE');
        assert.equal(await other.locator('#presence').inputValue(), 'ONLINE');
    }));

test('a broadcast chat reaches every agent; the first to reply takes it, the others lose the toast', chat(async open => {
    const { inbox, agents: [hal, ida] } = await team(['Hal', 'Ida'], { assignmentMode: 'BROADCAST' });
    const hals = await agentConsole(open, hal);
    const idas = await agentConsole(open, ida);
    const { chat: widget } = await visitorOnShop(open, inbox);
    await say(widget, 'anyone?');
    await toast(hals, 'New chat for everyone').waitFor();
    await toast(idas, 'New chat for everyone').waitFor();
    await toast(idas, 'New chat for everyone').getByRole('button', { name: 'Reply' }).click();
    await panel(idas).waitFor();
    await toast(hals, 'New chat for everyone').waitFor({ state: 'detached' });
    await reply(idas, 'Ida speaking');
    await widget.locator('.entry.agent', { hasText: 'Ida speaking' }).waitFor();
}));

test('several conversations open at once, each with its own timeline', chat(async open => {
    const { inbox, agents: [jon] } = await team(['Jon']);
    const page = await agentConsole(open, jon);
    const first = await visitorOnShop(open, inbox);
    await say(first.chat, 'first visitor here');
    await accept(page);
    const second = await visitorOnShop(open, inbox);
    await say(second.chat, 'second visitor here');
    await accept(page);
    await page.locator('#tabs .tab').nth(1).waitFor();
    await timeline(page).locator('.entry.visitor', { hasText: 'second visitor here' }).waitFor();
    await reply(page, 'to the second');
    await second.chat.locator('.entry.agent', { hasText: 'to the second' }).waitFor();
    await page.locator('#tabs .tab').first().getByRole('button').first().click();
    await timeline(page).locator('.entry.visitor', { hasText: 'first visitor here' }).waitFor();
    assert.equal(await timeline(page).locator('.entry', { hasText: 'second visitor' }).count(), 0);
    await reply(page, 'to the first');
    await first.chat.locator('.entry.agent', { hasText: 'to the first' }).waitFor();
    assert.equal(await second.chat.locator('.entry', { hasText: 'to the first' }).count(), 0);
}));

test('blocking the visitor ends their chat in the widget', chat(async open => {
    const { inbox, agents: [kim] } = await team(['Kim']);
    const { page, chat: widget } = await liveChat(open, kim, inbox, 'spam spam');
    await panel(page).getByText('More actions').click();
    await panel(page).getByRole('button', { name: 'Block visitor' }).click();
    await page.locator('#dialog').getByLabel('Reason').fill('Spam');
    await page.locator('#dialog').getByLabel('For').selectOption({ label: '1 hour' });
    await page.locator('#dialog').getByRole('button', { name: 'Block' }).click();
    await panel(page).locator('.notice', { hasText: 'blocked' }).waitFor();
    await widget.locator('#unavailable', { hasText: 'cannot chat' }).waitFor();
    assert.equal(await widget.locator('#composer').isVisible(), false);
}));

test('a waiting visitor sees their place in the queue, also after coming back to the page', chat(async open => {
    const { inbox, agents: [lea] } = await team(['Lea'], { capacity: 1 });
    await liveChat(open, lea, inbox, 'I take the only place');
    const { page, chat: widget } = await visitorOnShop(open, inbox);
    await say(widget, 'waiting here');
    await widget.locator('#queue', { hasText: 'number 1 in the queue' }).waitFor();

    // The queue does not move meanwhile: the place comes with the visitor's return, not with the next move.
    const { chat: again } = await visitorOnShop(open, inbox, { page });
    await again.locator('.entry.visitor', { hasText: 'waiting here' }).waitFor();
    await again.locator('#queue', { hasText: 'number 1 in the queue' }).waitFor({ timeout: 5_000 });
}));

test('an offer the only agent online lets pass comes back to her at once, and she takes the chat', chat(async open => {
    const { inbox, agents: [sol] } = await team(['Sol'], { reassignmentSeconds: 5 });
    const page = await open(sol.name);
    const offers = [];
    page.on('websocket', socket => socket.on('framereceived', frame => {
        try {
            const parsed = JSON.parse(frame.payload);
            if (parsed.type === 'offer.created') offers.push(parsed);
        } catch { /* not a frame of ours */ }
    }));
    await agentConsole(async () => page, sol);     // signed in on the page that records its frames
    const { chat: widget } = await visitorOnShop(open, inbox);
    await say(widget, 'is anyone there?');
    await toast(page).waitFor();
    // Sol lets the offer's five seconds pass: being the only one online, she is offered the chat again.
    await waitUntil(async () => offers.length >= 2, 'the chat offered to Sol again', 20_000);
    assert.equal(new Set(offers.map(offer => offer.conversationId)).size, 1, 'the same chat, offered again');
    await toast(page).getByRole('button', { name: 'Accept' }).click();
    await timeline(page).locator('.entry.visitor', { hasText: 'is anyone there?' }).waitFor();
}));

test("the visitor's widget reconnects by itself and gets what the agent wrote meanwhile, once", chat(async open => {
    const { inbox, agents: [max] } = await team(['Max']);
    const page = await agentConsole(open, max);
    const visitorPage = await open('visitor');
    let down = false;
    const live = new Set();
    await visitorPage.context().routeWebSocket(/\/ws\/visitor/, ws => {
        if (down) {
            ws.close({ code: 4002, reason: 'network down' });
            return;
        }
        ws.connectToServer();
        live.add(ws);
        ws.onClose(() => live.delete(ws));
    });
    await visitorPage.goto(`visitor.html?inbox=${encodeURIComponent(inbox.name)}`);
    await visitorPage.locator('#composer').waitFor();
    await say(visitorPage, 'before the tunnel');
    await accept(page);

    down = true;
    for (const ws of live) await ws.close({ code: 4002, reason: 'network down' });
    await visitorPage.locator('#connection', { hasText: 'Reconnecting' }).waitFor();
    await reply(page, 'answer 1');
    await reply(page, 'answer 2');
    await timeline(page).locator('.entry.agent', { hasText: 'answer 2' }).waitFor();
    await say(visitorPage, 'typed in the tunnel');

    down = false;
    await visitorPage.locator('.entry.agent', { hasText: 'answer 2' }).waitFor({ timeout: 30_000 });
    await timeline(page).locator('.entry.visitor', { hasText: 'typed in the tunnel' }).waitFor();
    assert.deepEqual(await visitorPage.locator('.entry:not(.system) .text').allTextContents(),
        ['before the tunnel', 'answer 1', 'answer 2', 'typed in the tunnel']);
    assert.deepEqual(await visitorPage.locator('.entry.system .text').allTextContents(),
        [`${max.name} joined the chat.`], 'told once at the accept, not again after the reconnect');
    assert.equal(await timeline(page).locator('.entry.visitor', { hasText: 'typed in the tunnel' }).count(), 1);
}));

test('a returning visitor finds their conversation on the next page of the site', chat(async open => {
    const { inbox, agents: [ned] } = await team(['Ned']);
    const { page, chat: widget, shop } = await liveChat(open, ned, inbox, 'remember me');
    await reply(page, 'I will');
    await widget.locator('.entry.agent', { hasText: 'I will' }).waitFor();
    await shop.reload();
    await shop.getByRole('button', { name: 'Chat with us' }).click();
    const again = shop.frameLocator('iframe[data-switchboard="frame"]');
    await again.locator('.entry.agent', { hasText: 'I will' }).waitFor();
    assert.deepEqual(await again.locator('.entry .text').allTextContents(), ['remember me', 'I will']);
    await say(again, 'still me');
    await timeline(page).locator('.entry.visitor', { hasText: 'still me' }).waitFor();
    assert.equal(await page.locator('#tabs .tab').count(), 1, 'the same conversation, not a new one');
}));

test('closing the tab while holding a chat asks first; once it is closed, not any more', chat(async open => {
    const { inbox, agents: [ole] } = await team(['Ole']);
    const { page } = await liveChat(open, ole, inbox, 'do not leave me');
    // The console's beforeunload answer, asked as the browser asks it when the tab closes (a real close with its
    // dialog took the whole headless browser down now and then).
    const asks = () => page.evaluate(() => {
        const event = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(event);
        return event.defaultPrevented;
    });
    assert.equal(await asks(), true, 'no warning while holding an assigned chat');
    await panel(page).getByRole('button', { name: 'Close', exact: true }).click();
    await page.locator('.conversation-list li .status-closed').waitFor();
    assert.equal(await asks(), false, 'a warning for a closed chat');
}));

test('closed, then archived: out of the default list, under the Archived filter; deleting needs the role', chat(async open => {
    const { inbox, agents: [pia] } = await team(['Pia']);
    const { page } = await liveChat(open, pia, inbox, 'archive me');
    const id = await panel(page).getAttribute('data-conversation-id');
    const line = page.locator(`.conversation-list li[data-conversation-id="${id}"]`);
    await panel(page).getByRole('button', { name: 'Close', exact: true }).click();
    await line.locator('.status-closed').waitFor();
    await panel(page).getByRole('button', { name: 'Archive' }).click();
    // The visitor is still on the page: the console asks first.
    await page.locator('#dialog').getByText('The visitor is online now').waitFor();
    await page.locator('#dialog').getByRole('button', { name: 'Archive' }).click();
    await line.waitFor({ state: 'detached' });
    await page.getByLabel('Status filter').selectOption('ARCHIVED');
    await line.locator('.status-archived').waitFor();

    // Deleting needs a role of switchboard.conversations.delete-roles (ADMIN): not offered to Pia, refused to her.
    await panel(page).getByText('More actions').click();
    await panel(page).locator('.more-actions').getByRole('button', { name: 'Block visitor' }).waitFor();
    assert.equal(await panel(page).locator('.more-actions').getByRole('button', { name: 'Delete' }).count(), 0);
    const response = await fetch(new URL(`api/agent/conversations/${id}/workspace`, env('SWITCHBOARD_URL')),
        { method: 'DELETE', headers: { Authorization: `Bearer ${pia.token}` } });
    assert.equal(response.status, 403);
    assert.match((await response.json()).message, /ADMIN/);
}));
