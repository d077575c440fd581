// What the agent sees of the visitor and works with by keyboard, in a real headless Chromium: the inbox's identity
// secret in the admin console and the verified visitor's lock in both consoles, the visitor's page following them
// live, Attach / Quote / Save as quick reply / accepting an offer by keyboard, rare and destructive actions apart,
// and tabs that do not outlive their conversations. Run by ConsoleDeskBrowserIT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { env, expectErrors } from './browser.mjs';
import { signIn, team } from './team.mjs';
import { PNG, accept, adminConsole, agentConsole, panel, say, timeline, toast, useChat, visitorOnShop }
    from './chat-pages.mjs';

const chat = useChat();

async function api(token, method, path, body) {
    const response = await fetch(new URL(`api/agent/${path}`, env('SWITCHBOARD_URL')), {
        method, headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
    });
    assert.ok(response.ok, `${method} ${path}: ${response.status}`);
    const text = await response.text();
    return text ? JSON.parse(text) : null;
}

/** A visitor on the shop who wrote `first`, and the agent's console with that conversation accepted. */
async function liveChat(open, agent, inbox, first) {
    const page = await agentConsole(open, agent);
    const visitor = await visitorOnShop(open, inbox);
    await say(visitor.chat, first);
    await accept(page);
    await timeline(page).locator('.entry.visitor', { hasText: first }).waitFor();
    return { page, chat: visitor.chat, shop: visitor.page };
}

test('the admin shows, copies and rotates the identity secret; a verified visitor carries the lock everywhere',
    chat(async open => {
        const { inbox, agents: [ann] } = await team(['Ann']);
        const admin = await adminConsole(open);
        await admin.context().grantPermissions(['clipboard-read', 'clipboard-write']);
        await admin.goto(`admin/inboxes/edit.xhtml?id=${inbox.id}`);
        // Beside the tag, the sites that may embed it: the installation's setting (the suite's lists this host's).
        assert.ok((await admin.locator('#embedding-sites li').allTextContents()).includes('http://localhost:*'));

        // Rotating asks first, and says what it breaks.
        await admin.getByRole('button', { name: 'Rotate the secret…' }).click();
        const confirm = admin.locator('#identity\\:confirm-rotate');
        await confirm.getByText('Every site that signs its visitors must update its secret').waitFor();
        await confirm.getByRole('button', { name: 'Keep the current secret' }).click();
        await confirm.waitFor({ state: 'detached' });
        await admin.getByRole('button', { name: 'Rotate the secret…' }).click();
        await confirm.getByRole('button', { name: 'Rotate the secret' }).click();
        await admin.locator('#messages').getByText('The identity secret is rotated').waitFor();
        const secret = (await admin.locator('#identity-secret').textContent()).trim();
        assert.ok(secret.length >= 32, `a secret: ${secret}`);
        await admin.getByRole('button', { name: 'Copy secret' }).click();
        await admin.locator('#copied', { hasText: 'Copied.' }).waitFor();
        assert.equal(await admin.evaluate(() => navigator.clipboard.readText()), secret);
        await admin.getByRole('button', { name: 'Hide the secret' }).click();
        await admin.locator('#identity-secret').waitFor({ state: 'detached' });
        await admin.getByRole('button', { name: 'Show the secret' }).click();
        assert.equal((await admin.locator('#identity-secret').textContent()).trim(), secret, 'shown again, the same');

        // The shop signs its signed-in user with it (docs/VISITOR_IDENTITY.md).
        const page = await agentConsole(open, ann);
        const visitor = await visitorOnShop(open, inbox);
        const identity = { externalId: 'customer-42', name: 'Ada Lovelace', email: 'ada@example.com',
            timestamp: Math.floor(Date.now() / 1000) };
        identity.signature = createHmac('sha256', secret)
            .update(`${identity.externalId}\n${identity.name}\n${identity.email}\n${identity.timestamp}`).digest('hex');
        await visitor.page.evaluate(signed => window.Switchboard.identify(signed), identity);
        await say(visitor.chat, 'signed in and asking');
        await accept(page);
        const words = `verified by ${inbox.name}`;
        await panel(page).locator('.conversation-header .verified', { hasText: words }).waitFor();
        const marks = [panel(page).locator('.conversation-header .verified'),
            page.locator('#tabs .tab .verified'),
            page.locator('.conversation-list li', { hasText: 'Ada Lovelace' }).locator('.verified'),
            timeline(page).locator('.entry.visitor .verified')];
        for (const mark of marks) {
            await mark.first().waitFor({ state: 'attached' });
            assert.match(await mark.first().textContent(), new RegExp(`🔒\\s*${words}`), 'the icon and the words');
        }

        const id = await panel(page).getAttribute('data-conversation-id');
        await admin.goto(`admin/conversations/view.xhtml?id=${id}`);
        assert.match(await admin.locator('#summary .verified').textContent(), new RegExp(`🔒\\s*${words}`));
        await admin.goto('admin/conversations/index.xhtml');
        await admin.locator('tr', { hasText: 'Ada Lovelace' }).locator('.verified', { hasText: words }).first().waitFor();
    }));

test('the visitor\'s page follows them live in the console, as text and with only web links', chat(async open => {
    const { inbox, agents: [bo] } = await team(['Bo']);
    const { page, shop } = await liveChat(open, bo, inbox, 'which plan suits me?');
    const context = panel(page).locator('.page-context');
    await context.getByRole('link', { name: 'Pricing · Example Shop' }).waitFor();

    // The shop's own navigation (a single-page app): the loader reports the new page, the console follows.
    const title = 'Checkout <img src=x onerror="window.pwned=1">';
    await shop.evaluate(newTitle => {
        history.pushState({}, '', '/checkout?step=2');
        document.title = newTitle;
        window.dispatchEvent(new PopStateEvent('popstate'));
    }, title);
    const link = context.getByRole('link', { name: title });
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), new URL('/checkout?step=2', shop.url()).href);
    assert.equal(await panel(page).locator('.conversation-header img').count(), 0, 'the title stays text');
    assert.equal(await page.evaluate(() => window.pwned), undefined);
}));

test('Attach, Quote, Save as quick reply and accepting an offer work by keyboard; Delete stays apart from Close',
    chat(async open => {
        // An admin: Delete is offered only to the roles that may delete (switchboard.conversations.delete-roles).
        const { inbox, agents: [cy] } = await team(['Cy'], { roles: { Cy: ['ADMIN'] } });
        const page = await agentConsole(open, cy);
        const visitor = await visitorOnShop(open, inbox);
        await say(visitor.chat, 'keyboard only please');
        const acceptButton = toast(page).getByRole('button', { name: 'Accept' });
        await acceptButton.waitFor();
        assert.match(await acceptButton.getAttribute('title'), /Alt\+A/, 'the shortcut is named');
        await page.keyboard.press('Alt+KeyA');
        await panel(page).waitFor();
        const entry = timeline(page).locator('.entry.visitor', { hasText: 'keyboard only please' });
        await entry.waitFor();

        const focused = () => page.evaluate(() => document.activeElement?.textContent);
        await entry.getByRole('button', { name: 'Quote' }).focus();
        assert.equal(await focused(), 'Quote');
        await page.keyboard.press('Enter');
        await panel(page).locator('.quote-box blockquote', { hasText: 'keyboard only please' }).waitFor();
        await entry.getByRole('button', { name: 'Save as quick reply' }).focus();
        assert.equal(await focused(), 'Save as quick reply');
        await page.keyboard.press('Enter');
        await page.locator('#dialog').getByLabel('Shortcut').waitFor();
        await page.keyboard.press('Escape');
        await page.locator('#dialog').waitFor({ state: 'hidden' });

        const attach = panel(page).getByRole('button', { name: 'Attach' });
        await attach.focus();
        assert.equal(await focused(), 'Attach');
        // The press waits until the button is ready for it: a press on a page still settling after the dialog
        // closed once went by without opening the file chooser.
        const [chooser] = await Promise.all([page.waitForEvent('filechooser'), attach.press('Enter')]);
        await chooser.setFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
        await panel(page).locator('.pending-files', { hasText: 'receipt.png' }).waitFor();

        // The bar: Close among the everyday actions; blocking and Delete behind "More actions", Delete last.
        const bar = panel(page).locator('.conversation-header .actions');
        await bar.getByRole('button', { name: 'Close', exact: true }).waitFor();
        assert.equal(await bar.getByRole('button', { name: 'Delete' }).count(), 0);
        const more = panel(page).locator('.more-actions');
        assert.equal(await more.getByRole('button', { name: 'Delete' }).isVisible(), false, 'folded away');
        await more.locator('summary').focus();
        await page.keyboard.press('Enter');
        await more.getByRole('button', { name: 'Delete' }).waitFor();
        assert.deepEqual(await more.locator('.menu button').allTextContents(), ['Block visitor', 'Block for me', 'Delete']);
    }));

test('ended and lost conversations leave no stale tabs', chat(async (open, t) => {
    // Restoring the tab of a deleted conversation reads it once more before it knows: those refusals are expected.
    expectErrors(t, /Failed to load resource: the server responded with a status of 404/);
    const { inbox, agents: [di] } = await team(['Di']);
    const page = await agentConsole(open, di);
    const first = await visitorOnShop(open, inbox);
    await say(first.chat, 'first of two');
    await accept(page);
    const second = await visitorOnShop(open, inbox);
    await say(second.chat, 'second of two');
    await accept(page);
    await page.locator('#tabs .tab').nth(1).waitFor();
    await timeline(page).locator('.entry.visitor', { hasText: 'second of two' }).waitFor();
    const [firstId, secondId] = await page.locator('#tabs .tab').evaluateAll(tabs => tabs.map(tab => tab.dataset.conversationId));

    // The first one ends while the second is on screen (closed from the agent's other device): its tab goes.
    await api(di.token, 'POST', `conversations/${firstId}/workspace/close`);
    await page.locator(`#tabs .tab[data-conversation-id="${firstId}"]`).waitFor({ state: 'detached' });
    await page.locator('#tab-notice', { hasText: 'ended: its tab was closed' }).waitFor();

    // The second one is deleted by an admin while the console is away (another page in its browser tab): back,
    // the console finds out on its first read of it. (With the console open, its tab goes at once: agent-day.)
    const admin = await signIn(env('SWITCHBOARD_ADMIN_EMAIL'), env('SWITCHBOARD_ADMIN_PASSWORD'));
    await page.goto('about:blank');
    await api(admin, 'DELETE', `conversations/${secondId}/workspace`);
    await page.goto('agent.html');
    await page.locator('#tab-notice', { hasText: 'Its tab was closed' }).waitFor();
    assert.equal(await page.locator('#tabs .tab').count(), 0);
    await page.reload();
    await page.locator('#app').waitFor();
    await page.locator('#nothing-open').waitFor();
    assert.equal(await page.locator('#tabs .tab').count(), 0, 'and it does not come back');
}));

test('a colleague invited in is not offered what only the holder may do', chat(async open => {
    const { inbox, agents: [eli, fay] } = await team(['Eli', 'Fay']);
    const { page: elis } = await liveChat(open, eli, inbox, 'two heads are better');
    const fays = await agentConsole(open, fay);
    await panel(elis).getByRole('button', { name: 'Invite' }).click();
    await elis.locator('#dialog').getByLabel('Who').selectOption({ label: `${fay.name} (online)` });
    await elis.locator('#dialog').getByRole('button', { name: 'Invite' }).click();
    await toast(fays, 'Invitation to a chat').getByRole('button', { name: 'Accept' }).click();
    await timeline(fays).locator('.entry.visitor', { hasText: 'two heads are better' }).waitFor();

    const header = panel(fays).locator('.conversation-header');
    await header.getByRole('button', { name: 'Leave' }).waitFor();
    for (const refused of ['Transfer', 'Forward', 'Invite', 'Close', 'Archive', 'Delete']) {
        assert.equal(await header.getByRole('button', { name: refused, exact: true }).count(), 0, `no ${refused}`);
    }
    // The holder still has them all.
    for (const allowed of ['Transfer', 'Invite', 'Close']) {
        await panel(elis).locator('.conversation-header').getByRole('button', { name: allowed, exact: true }).waitFor();
    }
}));

test('a colleague who joins an inbox is in the agent filter without a reload', chat(async open => {
    const { inbox, agents: [gus] } = await team(['Gus']);
    const page = await agentConsole(open, gus);
    const admin = await signIn(env('SWITCHBOARD_ADMIN_EMAIL'), env('SWITCHBOARD_ADMIN_PASSWORD'));
    const name = `Hal ${inbox.name}`;
    const hal = await api(admin, 'POST', 'agents',
        { email: `hal-${inbox.name}@example.com`, name, password: 'journey-password-1', roles: ['AGENT'] });
    await api(admin, 'POST', `inboxes/${inbox.id}/members`, { agentId: hal.agentId, capacity: 5 });

    await page.getByLabel('Inbox filter').selectOption({ label: inbox.name });
    await page.getByLabel('Assignee filter').focus();
    await page.locator('#filter-assignee option', { hasText: name }).waitFor({ state: 'attached' });
    await page.getByLabel('Assignee filter').selectOption({ label: name });
    assert.equal(await page.getByLabel('Inbox filter').inputValue(), String(inbox.id), 'the inbox chosen stays');
}));
