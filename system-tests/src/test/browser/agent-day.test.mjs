// Chat correctness where people work, in a real headless Chromium: an archived chat after the visitor reloads the
// page, a conversation deleted while the visitor's panel and agents' tabs are open, a chat an admin hands on from
// under its holder, the verified visitor's lock in toasts and on the live dashboard, actions an agent may not take
// not offered to them, colleagues invited in who leave (announced to the visitor only when they had spoken to
// them), and the overdue chats listed on the live dashboard. Run by EmbeddedJourneysIT (the embedded defaults).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { env } from './browser.mjs';
import { asAdmin, presence, signIn, team } from './team.mjs';
import { accept, adminConsole, agentConsole, panel, reply, say, timeline, toast, useChat, visitorOnShop, waitUntil,
    widgetState } from './chat-pages.mjs';

const chat = useChat();

/** The agents' HTTP API; a refusal is returned as {status, code}, not thrown, when `refusal` is set. */
async function api(token, method, path, body, { refusal = false } = {}) {
    const response = await fetch(new URL(`api/agent/${path}`, env('SWITCHBOARD_URL')), {
        method, headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (refusal) return { status: response.status, ...(text ? JSON.parse(text) : {}) };
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
}

const adminToken = () => signIn(env('SWITCHBOARD_ADMIN_EMAIL'), env('SWITCHBOARD_ADMIN_PASSWORD'));

/** A visitor on the shop who wrote `first`, and the agent's console with that conversation accepted. */
async function liveChat(open, agent, inbox, first, { clock = false } = {}) {
    const page = await agentConsole(open, agent);
    const visitor = await visitorOnShop(open, inbox, { clock });
    await say(visitor.chat, first);
    await accept(page);
    await timeline(page).locator('.entry.visitor', { hasText: first }).waitFor();
    return { page, chat: visitor.chat, shop: visitor.page };
}

/** The texts of the messages the widget shows (system lines left out), in the order shown. */
const texts = widget => widget.locator('.entry:not(.system) .text').allTextContents();

/** A signed-in user of the shop, signed with the inbox's identity secret (docs/VISITOR_IDENTITY.md). */
function signedIdentity(secret, name) {
    const tag = randomUUID().slice(0, 8);
    const identity = { externalId: `customer-${tag}`, name, email: `${tag}@example.com`,
        timestamp: Math.floor(Date.now() / 1000) };
    identity.signature = createHmac('sha256', secret)
        .update(`${identity.externalId}\n${identity.name}\n${identity.email}\n${identity.timestamp}`).digest('hex');
    return identity;
}

/** A verified visitor on the shop: signed in by the site before writing `first`. */
async function verifiedVisitor(open, inbox, name, first) {
    const { secret } = await api(await adminToken(), 'GET', `inboxes/${inbox.id}/identity-secret`);
    const visitor = await visitorOnShop(open, inbox);
    await visitor.page.evaluate(signed => window.Switchboard.identify(signed), signedIdentity(secret, name));
    await say(visitor.chat, first);
    await visitor.chat.locator('.entry.visitor[data-seq]', { hasText: first }).waitFor();
    return visitor;
}

async function invite(page, who) {
    await panel(page).getByRole('button', { name: 'Invite' }).click();
    await page.locator('#dialog').getByLabel('Who').selectOption({ label: who });
    await page.locator('#dialog').getByRole('button', { name: 'Invite' }).click();
    await panel(page).locator('.notice', { hasText: 'Invitation sent' }).waitFor();
}

async function acceptInvitation(page, text) {
    await toast(page, 'Invitation to a chat').getByRole('button', { name: 'Accept' }).click();
    await timeline(page).locator('.entry.visitor', { hasText: text }).waitFor();
}

async function leave(page) {
    await panel(page).getByRole('button', { name: 'Leave' }).click();
    await page.locator('#dialog').getByRole('button', { name: 'Leave' }).click();
    await page.locator('#nothing-open').waitFor();
}

test('an archived chat stays readable after the visitor reloads the page, and the new one goes on live below it',
    chat(async open => {
        const { inbox, agents: [hal] } = await team(['Hal']);
        const { page: agent, chat: widget, shop } = await liveChat(open, hal, inbox, 'first question');
        await reply(agent, 'first answer');
        await widget.locator('.entry.agent', { hasText: 'first answer' }).waitFor();
        const archived = (await widgetState(shop)).conversationId;

        await api(await adminToken(), 'POST', `conversations/${archived}/workspace/archive`);
        await widget.locator('#ended', { hasText: 'archived' }).waitFor();

        // Reloaded before writing again: the archived chat is still there, and still said to be archived.
        let { chat: again } = await visitorOnShop(open, inbox, { page: shop });
        await again.locator('#ended', { hasText: 'archived' }).waitFor();
        await waitUntil(async () => JSON.stringify(await texts(again)) === JSON.stringify(['first question',
            'first answer']), 'the archived chat shown again after the reload');

        // Writing again starts the new conversation below it, with the agent's replies live.
        await say(again, 'second question');
        await again.locator('.entry.visitor[data-seq]', { hasText: 'second question' }).locator('.status').waitFor();
        await accept(agent);
        await timeline(agent).locator('.entry.visitor', { hasText: 'second question' }).waitFor();
        await reply(agent, 'second answer');
        await again.locator('.entry.agent', { hasText: 'second answer' }).waitFor();
        assert.notEqual((await widgetState(shop)).conversationId, archived);

        // Reloaded once more: both chats, each entry once, the archived one above the divider, the new one live.
        ({ chat: again } = await visitorOnShop(open, inbox, { page: shop }));
        const both = ['first question', 'first answer', 'second question', 'second answer'];
        await waitUntil(async () => JSON.stringify(await texts(again)) === JSON.stringify(both),
            'both chats shown once after the second reload');
        const order = await again.locator('#log > li').evaluateAll(items => items.map(item =>
            item.classList.contains('divider') ? 'divider' : item.querySelector('.text')?.textContent));
        assert.ok(order.indexOf('first answer') < order.indexOf('divider')
            && order.indexOf('divider') < order.indexOf('second question'), `in order: ${order}`);
        assert.equal(await again.locator('.entry.divider').count(), 1, 'one divider');
        assert.equal(await again.locator('#ended').isVisible(), false, 'the new chat is not over');
        await reply(agent, 'third answer');
        await again.locator('.entry.agent', { hasText: 'third answer' }).waitFor();
        assert.deepEqual(await texts(again), [...both, 'third answer']);
    }));

test('a conversation an admin deletes: the open panel says so at once and starts anew, agents lose its tab with a notice',
    chat(async open => {
        const { inbox, agents: [ida, sue] } = await team(['Ida', 'Sue'], { roles: { Sue: ['SUPERVISOR'] } });
        const { page: idas, chat: widget, shop } = await liveChat(open, ida, inbox, 'please forget my card number',
            { clock: true });
        await reply(idas, 'Understood.');
        await widget.locator('.entry.agent', { hasText: 'Understood.' }).waitFor();
        // A supervisor has it open too.
        const sues = await agentConsole(open, sue);
        await presence(sue, 'AWAY');
        // A supervisor's list holds everyone's chats: this inbox's, so that it is on the first page.
        await sues.getByLabel('Inbox filter').selectOption({ label: inbox.name });
        await sues.locator('.conversation-list li', { hasText: 'Understood.' }).click();
        await timeline(sues).locator('.entry.visitor', { hasText: 'please forget' }).waitFor();
        const id = await panel(sues).getAttribute('data-conversation-id');

        const admin = await adminConsole(open, `admin/conversations/index.xhtml?inbox=${inbox.id}`);
        await admin.getByRole('checkbox', { name: `Select conversation ${id}` }).check();
        await admin.getByRole('button', { name: 'Delete selected…' }).click();
        await admin.getByRole('button', { name: 'Delete for everyone' }).click();
        await admin.locator('#messages').getByText('1 conversation deleted for everyone.').waitFor();

        // The visitor is told at once, for as long as the panel is open, and what was deleted is gone from it.
        const ended = widget.locator('#ended', { hasText: 'deleted' });
        await ended.waitFor();
        await widget.locator('.entry.system', { hasText: 'This chat was deleted.' }).waitFor();
        assert.equal(await widget.locator('.entry', { hasText: 'please forget my card number' }).count(), 0);
        assert.equal(await widget.locator('.entry', { hasText: 'Understood.' }).count(), 0);
        await shop.clock.fastForward(9_000);      // past the 8 s in which notices fade
        assert.equal(await ended.isVisible(), true, 'the notice faded');
        assert.equal(await widget.locator('#composer').isVisible(), true, 'no way to start anew');

        // The agents who had it open lose its tab, and are told why.
        for (const page of [idas, sues]) {
            await page.locator(`#tabs .tab[data-conversation-id="${id}"]`).waitFor({ state: 'detached' });
            await page.locator('#tab-notice', { hasText: 'deleted' }).waitFor();
            assert.equal(await page.locator(`.conversation[data-conversation-id="${id}"]`).count(), 0);
        }

        // Writing again starts a new chat, answered live.
        await say(widget, 'starting over');
        await widget.locator('.entry.visitor[data-seq]', { hasText: 'starting over' }).waitFor();
        await accept(idas);
        await timeline(idas).locator('.entry.visitor', { hasText: 'starting over' }).waitFor();
        await reply(idas, 'Welcome back.');
        await widget.locator('.entry.agent', { hasText: 'Welcome back.' }).waitFor();
        assert.equal(await ended.isVisible(), false);

        // Deleted while the visitor was on another site: back on the shop, the panel says so.
        const second = (await widgetState(shop)).conversationId;
        await shop.goto('about:blank');
        await api(await adminToken(), 'DELETE', `conversations/${second}/workspace`);
        const { chat: back } = await visitorOnShop(open, inbox, { page: shop });
        await back.locator('#ended', { hasText: 'deleted' }).waitFor();
        await back.locator('.entry.system', { hasText: 'This chat was deleted.' }).waitFor();
        assert.equal(await back.locator('.entry:not(.system)').count(), 0, 'what was deleted shows again');
    }));

test('a chat an admin hands on from its page: the notice says it is an offer, and the agent who held it is told at '
    + 'once and keeps no tab of a chat no longer theirs', chat(async open => {
    const { inbox, agents: [ann, bob] } = await team(['Ann', 'Bob']);
    const { page: anns } = await liveChat(open, ann, inbox, 'can a colleague take over?');
    const id = await panel(anns).getAttribute('data-conversation-id');
    const bobs = await agentConsole(open, bob);

    const admin = await adminConsole(open, `admin/conversations/view.xhtml?id=${id}`);
    const handOnTo = admin.getByLabel('Hand on to');
    await handOnTo.selectOption(await handOnTo.locator('option', { hasText: bob.name }).getAttribute('value'));
    await admin.getByRole('button', { name: 'Hand on', exact: true }).click();
    await admin.locator('#messages').getByText(`Offered to ${bob.name}: it is theirs once they accept.`).waitFor();

    // Ann's tab goes at once, saying who handed the chat on and to whom; it would only refuse her replies now.
    await anns.locator('#tab-notice', { hasText: new RegExp(`handed it on to ${bob.name}\\. Its tab was closed\\.`) })
        .waitFor();
    await anns.locator(`#tabs .tab[data-conversation-id="${id}"]`).waitFor({ state: 'detached' });
    await accept(bobs);
    await timeline(bobs).locator('.entry.visitor', { hasText: 'can a colleague take over?' }).waitFor();
}));

test("a verified visitor carries the lock in the console's toasts and on the live dashboard", chat(async open => {
    const { inbox, agents: [kim] } = await team(['Kim']);
    const words = new RegExp(`🔒\\s*verified by ${inbox.name}`);
    const kims = await agentConsole(open, kim);
    // Kim's list shows only the chats she holds, so the chat offered to her is not in it.
    await kims.getByLabel('Assignee filter').selectOption({ label: 'Mine' });
    const ada = await verifiedVisitor(open, inbox, 'Ada Lovelace', 'signed in and asking');

    // The offer names the visitor with the lock, and says what they wrote.
    const offer = toast(kims, 'Incoming chat');
    await offer.waitFor();
    assert.match(await offer.locator('p').first().textContent(), /^Ada Lovelace.*: signed in and asking$/s);
    assert.match(await offer.locator('.verified').textContent(), words);
    await accept(kims);
    // The open chat's customer card says so beside the name.
    const lock = panel(kims).locator('.customer-card .verified');
    await lock.waitFor();
    assert.match(await lock.textContent(), words);

    // A colleague of another inbox, invited in: the invitation names the visitor with the lock, although Max may
    // not list the chat before accepting. (Kim is also a member of Max's inbox: that is how she knows him.)
    const { inbox: billing, agents: [max] } = await team(['Max']);
    await asAdmin('POST', `inboxes/${billing.id}/members`, { agentId: kim.agentId, capacity: 5 });
    const maxs = await agentConsole(open, max);
    await invite(kims, `${max.name} (online)`);
    const invitation = toast(maxs, 'Invitation to a chat');
    await invitation.waitFor();
    assert.match(await invitation.locator('p').first().textContent(),
        new RegExp(`^${kim.name} invites you\\. Ada Lovelace.*: signed in and asking$`, 's'));
    assert.match(await invitation.locator('.verified').textContent(), words);
    await acceptInvitation(maxs, 'signed in and asking');

    // A message while the chat is not on screen: its toast names the visitor with the lock too, and so do the
    // words of the desktop notification while Kim's tab is in the background (recorded here).
    await kims.locator('#tabs .tab').getByRole('button', { name: 'Close tab' }).click();
    await kims.locator('#nothing-open').waitFor();
    await kims.evaluate(() => {
        window.notified = [];
        window.Notification = class {
            static permission = 'granted';
            constructor(title, { body }) { window.notified.push({ title, body }); }
        };
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    });
    await say(ada.chat, 'are you still there?');
    const message = toast(kims, 'New message');
    await message.waitFor();
    assert.match(await message.locator('.verified').textContent(), words);
    assert.deepEqual(await kims.evaluate(() => window.notified), [{ title: 'New message',
        body: `Ada Lovelace 🔒 verified by ${inbox.name}: are you still there?` }]);
    await kims.evaluate(() => delete document.visibilityState);

    // A verified visitor waiting in a queue: the live dashboard's waiting list shows the lock.
    const { inbox: manual, agents: [lou] } = await team(['Lou'], { assignmentMode: 'MANUAL' });
    await presence(lou, 'ONLINE');
    await verifiedVisitor(open, manual, 'Grace Hopper', 'waiting my turn');
    const board = await adminConsole(open, `admin/dashboard/index.xhtml?inbox=${manual.id}`);
    const row = board.locator('#board\\:waiting tr', { hasText: 'Grace Hopper' });
    await row.waitFor();
    assert.match(await row.locator('.verified').textContent(), new RegExp(`🔒\\s*verified by ${manual.name}`));
}));

test('actions an agent may not take are not offered to them: a member before taking the chat, a supervisor in a '
    + "colleague's; the server still refuses them", chat(async open => {
    const { inbox, agents: [ann, sue] } = await team(['Ann', 'Sue'],
        { assignmentMode: 'MANUAL', roles: { Sue: ['SUPERVISOR'] } });
    const anns = await agentConsole(open, ann);
    const sues = await agentConsole(open, sue);
    const { chat: widget } = await visitorOnShop(open, inbox);
    await say(widget, 'who can help me?');

    const offered = async (page, names) => {
        const header = panel(page).locator('.conversation-header');
        const shown = [];
        for (const name of ['Take', 'Transfer', 'Forward', 'Invite', 'Leave', 'Close', 'Archive']) {
            if (await header.locator('.actions > button', { hasText: new RegExp(`^${name}$`) }).count()) shown.push(name);
        }
        for (const name of ['Delete']) {
            if (await header.locator('.more-actions button', { hasText: name }).count()) shown.push(name);
        }
        assert.deepEqual(shown, names);
    };
    const replyMode = page => panel(page).locator('.modes').getByRole('button', { name: 'Reply', exact: true });

    // Ann, a member, opens the waiting chat: she may take it; handing on, inviting, closing and replying wait.
    await anns.locator('.conversation-list li', { hasText: 'who can help me?' }).click();
    await timeline(anns).locator('.entry.visitor', { hasText: 'who can help me?' }).waitFor();
    await panel(anns).locator('.conversation-header .actions > button', { hasText: 'Take' }).waitFor();
    await offered(anns, ['Take']);
    await waitUntil(() => replyMode(anns).isDisabled(), 'a public reply offered before taking the chat');
    await panel(anns).getByRole('button', { name: 'Take' }).click();
    await panel(anns).locator('.conversation-header', { hasText: `assigned · ${ann.name}` }).waitFor();
    await offered(anns, ['Transfer', 'Forward', 'Invite', 'Close']);
    await replyMode(anns).click();
    await reply(anns, 'I can.');
    await widget.locator('.entry.agent', { hasText: 'I can.' }).waitFor();

    // Sue, a supervisor, in Ann's chat: she may invite and close, not hand on a held chat nor answer the visitor.
    await sues.getByLabel('Inbox filter').selectOption({ label: inbox.name });
    await sues.locator('.conversation-list li', { hasText: 'I can.' }).click();
    await panel(sues).locator('.conversation-header', { hasText: `assigned · ${ann.name}` }).waitFor();
    await offered(sues, ['Invite', 'Close']);
    await waitUntil(() => replyMode(sues).isDisabled(), "a public reply offered in a colleague's chat");
    await panel(sues).getByRole('button', { name: 'Private note' }).click();
    await reply(sues, 'Ann, the customer is a VIP.');
    await timeline(anns).locator('.entry.note', { hasText: 'VIP' }).waitFor();

    // What is not offered is still refused by the server.
    const id = await panel(sues).getAttribute('data-conversation-id');
    const refused = await api(sue.token, 'POST', `conversations/${id}/routing/transfer`, { agentId: ann.agentId },
        { refusal: true });
    assert.deepEqual([refused.status, refused.code], [403, 'conversation.reassign-forbidden']);
    const deleted = await api(sue.token, 'DELETE', `conversations/${id}/workspace`, undefined, { refusal: true });
    assert.deepEqual([deleted.status, deleted.code], [403, 'conversation.delete-forbidden']);
}));

test('the visitor hears of a colleague invited in leaving once that colleague had spoken to them, and never of a '
    + 'silent one', chat(async open => {
    const { inbox, agents: [eli, fay, gus] } = await team(['Eli', 'Fay', 'Gus']);
    const { page: elis, chat: widget } = await liveChat(open, eli, inbox, 'two heads are better');
    const fays = await agentConsole(open, fay);
    const guss = await agentConsole(open, gus);
    const lines = name => widget.locator('.entry.system', { hasText: name }).allTextContents();

    // Fay joins, writes, leaves: the visitor heard her join, and hears her leave.
    await invite(elis, `${fay.name} (online)`);
    await acceptInvitation(fays, 'two heads are better');
    await reply(fays, 'Fay from billing here.');
    await widget.locator('.entry.system', { hasText: `${fay.name} joined the chat.` }).waitFor();
    await leave(fays);
    await widget.locator('.entry.system', { hasText: `${fay.name} left the chat.` }).waitFor();

    // Gus joins and leaves without a word: nothing to announce.
    await invite(elis, `${gus.name} (online)`);
    await acceptInvitation(guss, 'two heads are better');
    await leave(guss);
    await timeline(elis).locator('.entry.internal', { hasText: `${gus.name} left.` }).waitFor();

    // Asked out by the holder: the same rule. Fay, who writes again, is announced; Gus, silent again, is not.
    for (const [agent, page, says] of [[fay, fays, 'Back once more.'], [gus, guss, null]]) {
        await invite(elis, `${agent.name} (online)`);
        await acceptInvitation(page, 'two heads are better');
        if (says) {
            await reply(page, says);
            await widget.locator('.entry.agent', { hasText: says }).waitFor();
        }
        const participants = panel(elis).locator('.participants');
        await participants.getByRole('button', { name: `Remove ${agent.name}` }).click();
        await elis.locator('#dialog').getByRole('button', { name: 'Remove' }).click();
        await elis.locator('#dialog').waitFor({ state: 'hidden' });
        await timeline(elis).locator('.entry.internal', { hasText: `${eli.name} removed ${agent.name}.` }).waitFor();
        // The colleague asked out keeps no stale tab: theirs closes at once, saying why.
        await page.locator('#tab-notice', { hasText: 'You were asked out of this conversation.' }).waitFor();
        const id = await panel(elis).getAttribute('data-conversation-id');
        await page.locator(`[data-conversation-id="${id}"]`).waitFor({ state: 'detached' });
    }
    await waitUntil(async () => (await lines(`${fay.name} left the chat.`)).length === 2, 'Fay announced leaving twice');
    // Whatever was to come about Gus has come by the time Eli's next message arrives (the events keep their order).
    await reply(elis, 'Just the two of us again.');
    await widget.locator('.entry.agent', { hasText: 'Just the two of us again.' }).waitFor();
    assert.deepEqual(await lines(gus.name), [], 'a silent colleague was announced');
    assert.deepEqual(await lines(`${fay.name} joined the chat.`), [`${fay.name} joined the chat.`,
        `${fay.name} joined the chat.`]);
    await widget.locator('#agent', { hasText: eli.name }).waitFor();
}));

test('the live dashboard lists the overdue chats with a link, the wait and the holder, as they come and go',
    chat(async open => {
        const { inbox, agents: [bo] } = await team(['Bo'], { replyTimeLimitSeconds: 3 });
        const board = await adminConsole(open, `admin/dashboard/index.xhtml?inbox=${inbox.id}`);
        await board.locator('#no-overdue').waitFor();
        const { page: bos } = await liveChat(open, bo, inbox, 'my invoice is wrong');
        const id = await panel(bos).getAttribute('data-conversation-id');

        // Bo does not answer in time: the board lists the chat without being reloaded.
        const row = board.locator('#board\\:overdue tr', { hasText: bo.name });
        await row.waitFor();
        assert.match(await row.textContent(), new RegExp(`${inbox.name}.*\\d+ s`, 's'), 'the inbox and the wait');
        const link = row.getByRole('link', { name: `#${id}` });
        assert.match(await link.getAttribute('href'), new RegExp(`conversations/view\\.xhtml\\?id=${id}`));
        await board.locator('#board\\:queues tr', { hasText: inbox.name }).locator('.overdue', { hasText: '1' }).waitFor();

        // Answered: it leaves the list, again without a reload.
        await reply(bos, 'Sorry for the wait.');
        await row.waitFor({ state: 'detached' });
        await board.locator('#no-overdue').waitFor();

        // The link leads to the conversation.
        await board.goto(`admin/dashboard/index.xhtml?inbox=${inbox.id}`);
        const { chat: widget } = await visitorOnShop(open, inbox);
        await say(widget, 'and my second invoice?');
        await accept(bos);
        const second = board.locator('#board\\:overdue tr', { hasText: bo.name });
        await second.getByRole('link').click();
        await board.locator('#summary', { hasText: inbox.name }).waitFor();
        await board.locator('#transcript', { hasText: 'and my second invoice?' }).waitFor();
    }));
