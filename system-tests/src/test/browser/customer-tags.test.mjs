// Customer tags beyond the card: the conversation list's filter by them ("No tags set", all of several tags, the
// "Pinned" switch, the picker's search), the catalogue's page in the admin console (create, rename, recolour,
// delete after a confirmation that counts the customers, who creates tags), an open card following what other
// agents, admins and the customer change, live, and the offline form as where a customer came from.
// Run by CustomerTagsBrowserIT (MariaDB, external broker).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectErrors } from './browser.mjs';
import { asAdmin, team } from './team.mjs';
import { adminConsole, agentConsole, panel, say, useChat, waitUntil } from './chat-pages.mjs';

const chat = useChat();

const card = page => panel(page).locator('.customer-card');
const unique = name => `${name} ${Date.now() % 1_000_000}${Math.floor(Math.random() * 100)}`;

/** A visitor on the chat page of its own who wrote `text` (the inbox has someone online: the composer shows). */
async function visitorWrites(open, inbox, name, text) {
    const page = await open(name);
    await page.goto(`visitor.html?inbox=${encodeURIComponent(inbox.name)}`);
    await page.locator('#composer').waitFor();
    await say(page, text);
    await page.locator('#log .entry.visitor', { hasText: text }).waitFor();
    return page;
}

/** The id of the inbox's conversation whose last message is `text`, once the list has it. */
async function conversationWith(inbox, text) {
    let id;
    await waitUntil(async () => {
        const list = await asAdmin('GET', `conversations?inbox=${inbox.id}&size=100`);
        id = list.items.find(item => item.lastMessage === text)?.id;
        return id !== undefined;
    }, `the conversation of "${text}"`);
    return id;
}

const newTag = (name, colour = '#1570ef') => asAdmin('POST', 'customer-tags', { name, colour });
const tagCustomer = (conversationId, tag, pinned = false) => asAdmin('POST',
    `conversations/${conversationId}/customer/tags`, { tagId: tag.id })
    .then(() => pinned && asAdmin('PUT', `conversations/${conversationId}/customer/tags/${tag.id}/pinned`, { pinned }));

/** The list shows exactly these conversations (by id), whatever their order. */
function listShows(page, ids) {
    return waitUntil(async () => {
        const shown = await page.locator('.conversation-list li')
            .evaluateAll(items => items.map(item => Number(item.dataset.conversationId)));
        return JSON.stringify(shown.sort()) === JSON.stringify([...ids].sort());
    }, `the list shows ${ids}`);
}

test('the list filters by customer tags: no tags set, all of two tags, the Pinned switch, a tag found by name; '
    + 'a filter the server refuses says why', chat(async (open, t) => {
        // The refused filter at the end: the list's request is refused (400), the catalogue cannot be read.
        expectErrors(t, /status of 400 \(Bad Request\) \(.*customerTag=/, /net::ERR_FAILED/);
        const { inbox, agents: [cy] } = await team(['Cy'], { assignmentMode: 'MANUAL' });
        const agent = await agentConsole(open, cy);
        const texts = ['gold and silver here', 'gold pinned here', 'no tags here'].map(text => `${text} ${Date.now()}`);
        for (const [i, text] of texts.entries()) await visitorWrites(open, inbox, `visitor-${i}`, text);
        const [both, pinned, untagged] = await Promise.all(texts.map(text => conversationWith(inbox, text)));
        const gold = await newTag(unique('Gold'), '#dc6803');
        const silver = await newTag(unique('Silver'), '#475467');
        await tagCustomer(both, gold);
        await tagCustomer(both, silver);
        await tagCustomer(pinned, gold, true);
        await listShows(agent, [both, pinned, untagged]);
        // The customer's pinned tag shows under their name; the conversation tags' field says what it filters.
        await agent.locator(`.conversation-list li[data-conversation-id="${pinned}"] .pinned-tags`, { hasText: gold.name })
            .waitFor();
        assert.match(await agent.getByLabel('Conversation tag filter').getAttribute('placeholder'), /Conversation tags/);

        const filter = agent.locator('#customer-tag-filter');
        await filter.locator('summary', { hasText: 'Customer tags: all' }).click();
        const choices = filter.getByRole('list', { name: 'Customer tags to filter by' });
        await choices.locator('li', { hasText: gold.name }).locator('.customer-tag-count', { hasText: /^2$/ }).waitFor();

        await filter.getByLabel('No tags set').check();
        await listShows(agent, [untagged]);
        await filter.locator('summary', { hasText: 'Customer tags: no tags set' }).waitFor();
        assert.equal(await filter.getByRole('switch', { name: 'Pinned' }).isDisabled(), true, 'no tags, nothing pinned');
        await filter.getByLabel('All', { exact: true }).check();
        await listShows(agent, [both, pinned, untagged]);

        // The search field finds a tag by a part of its name; choosing it filters the list.
        await filter.getByLabel('Find a customer tag').fill(silver.name.slice(0, 6).toLowerCase());
        await choices.locator('li', { hasText: silver.name }).waitFor();
        assert.equal(await choices.locator('li', { hasText: gold.name }).count(), 0, 'the search leaves Gold out');
        await choices.locator('li', { hasText: silver.name }).getByRole('checkbox').check();
        await listShows(agent, [both]);
        assert.equal(await filter.getByLabel('From the list').isChecked(), true);
        // Two tags: only the customers who carry both of them.
        await choices.locator('li', { hasText: gold.name }).getByRole('checkbox').check();
        await listShows(agent, [both]);
        await filter.locator('summary', { hasText: `${silver.name} + ${gold.name}` }).waitFor();
        assert.equal(await choices.locator('li').first().textContent().then(text => text.includes(silver.name)), true,
            'chosen tags come first');
        await choices.locator('li', { hasText: silver.name }).getByRole('checkbox').uncheck();
        await listShows(agent, [both, pinned]);

        // Pinned: the list and the picker narrow to pinned tags.
        await filter.getByRole('switch', { name: 'Pinned' }).check();
        await listShows(agent, [pinned]);
        await choices.locator('li', { hasText: gold.name }).locator('.customer-tag-count', { hasText: /^1$/ }).waitFor();
        await choices.locator('li', { hasText: silver.name }).waitFor({ state: 'detached' });
        await choices.locator('li', { hasText: gold.name }).getByRole('checkbox').uncheck();
        await filter.locator('summary', { hasText: 'Customer tags: any pinned' }).waitFor();
        await listShows(agent, [pinned]);
        await filter.getByRole('switch', { name: 'Pinned' }).uncheck();
        await listShows(agent, [both, pinned, untagged]);
        assert.equal(await agent.locator('#list-problem').isVisible(), false);

        // A chosen tag is deleted while the console cannot read the catalogue (so it cannot drop the tag): the
        // server refuses the filter, and the list says why instead of keeping lines of the filter before.
        await choices.locator('li', { hasText: gold.name }).getByRole('checkbox').check();
        await listShows(agent, [both, pinned]);
        await agent.route(/\/api\/agent\/customer-tags/, route => route.abort());
        await asAdmin('DELETE', `customer-tags/${gold.id}`);
        await agent.locator('#list-problem', { hasText: 'does not exist (any more)' }).waitFor();
        assert.equal(await agent.locator('.conversation-list li').count(), 0);
        // Read again, the catalogue has no such tag: the filter drops it and the list is back.
        await agent.unroute(/\/api\/agent\/customer-tags/);
        await filter.locator('summary').click();
        await filter.locator('summary').click();
        await filter.locator('summary', { hasText: 'Customer tags: all' }).waitFor();
        await listShows(agent, [both, pinned, untagged]);
        assert.equal(await agent.locator('#list-problem').isVisible(), false);
    }));

test('admins keep the catalogue on its page: create, rename and recolour, delete after counting the customers; '
    + 'an open card follows, and agents create tags once allowed', chat(async open => {
    const { inbox, agents: [dee] } = await team(['Dee'], { assignmentMode: 'MANUAL' });
    const agent = await agentConsole(open, dee);
    const text = `catalogue ${Date.now()}`;
    await visitorWrites(open, inbox, 'visitor', text);
    const conversation = await conversationWith(inbox, text);

    const admin = await adminConsole(open, 'admin/tags/index.xhtml');
    const name = unique('Platinum');
    await admin.getByLabel('Name', { exact: true }).fill(name);
    await admin.getByLabel('Colour').selectOption({ label: 'Violet' });
    await admin.locator('#tag').getByRole('button', { name: 'Save' }).click();
    await admin.locator('.messages', { hasText: `Created the tag ${name}.` }).waitFor();
    const row = tagName => admin.locator('#list\\:tags tbody tr', { has: admin.locator('.customer-tag', { hasText: tagName }) });
    await row(name).locator('td', { hasText: 'Violet' }).waitFor();
    assert.equal((await row(name).locator('td').nth(2).textContent()).trim(), '0');
    // A name that exists already is refused next to the field.
    await admin.getByLabel('Name', { exact: true }).fill(name.toUpperCase());
    await admin.locator('#tag').getByRole('button', { name: 'Save' }).click();
    await admin.locator('.field-error', { hasText: 'already' }).waitFor();

    const tag = (await asAdmin('GET', 'customer-tags')).tags.find(t => t.name === name);
    await tagCustomer(conversation, tag);
    await agent.locator('.conversation-list li', { hasText: text }).click();
    await card(agent).locator('.customer-tag', { hasText: name }).waitFor();
    await admin.goto('admin/tags/index.xhtml');
    assert.equal((await row(name).locator('td').nth(2).textContent()).trim(), '1');

    // Renamed and recoloured: the agent's open card follows without a reload.
    await agent.evaluate(() => { window.stillTheSamePage = true; });
    const renamed = unique('Iridium');
    await row(name).getByRole('button', { name: `Edit ${name}` }).click();
    await admin.getByLabel('Name', { exact: true }).fill(renamed);
    await admin.getByLabel('Colour').selectOption({ label: 'Teal' });
    await admin.locator('#tag').getByRole('button', { name: 'Save' }).click();
    await admin.locator('.messages', { hasText: `Saved the tag ${renamed}.` }).waitFor();
    const badge = card(agent).locator('.customer-tag', { hasText: renamed });
    await badge.waitFor();
    assert.equal(await badge.evaluate(node => getComputedStyle(node).backgroundColor), 'rgb(14, 147, 132)');

    // Deleting says how many customers carry the tag first, then takes it off them.
    await row(renamed).getByRole('link', { name: `Delete ${renamed}` }).click();
    await admin.locator('#carried', { hasText: '1 customer carries this tag.' }).waitFor();
    await admin.getByRole('button', { name: 'Delete the tag' }).click();
    await admin.locator('.messages', { hasText: `Deleted the tag ${renamed}; 1 customer carried it.` }).waitFor();
    assert.equal(await row(renamed).count(), 0);
    await card(agent).locator('.customer-tag', { hasText: renamed }).waitFor({ state: 'detached' });
    await card(agent).getByText('No tags.').waitFor();

    // Who creates tags: the agent's card offers it once an admin allows it, and no longer once they take it back.
    assert.equal(await card(agent).getByLabel('New tag name').count(), 0, 'admins only');
    const allow = admin.getByLabel('Agents may create tags from the customer card too');
    try {
        await allow.check();
        await admin.locator('#rule').getByRole('button', { name: 'Save' }).click();
        await admin.locator('.messages', { hasText: 'Agents may create tags from the customer card now.' }).waitFor();
        await card(agent).getByLabel('New tag name').waitFor();
    } finally {
        await admin.goto('admin/tags/index.xhtml');
        await admin.getByLabel('Agents may create tags from the customer card too').uncheck();
        await admin.locator('#rule').getByRole('button', { name: 'Save' }).click();
        await admin.locator('.messages', { hasText: 'Only admins create tags now.' }).waitFor();
    }
    await card(agent).getByLabel('New tag name').waitFor({ state: 'detached' });
    assert.equal(await agent.evaluate(() => window.stillTheSamePage), true, 'all of it live, no reload');
}));

test("a colleague's open card follows tags, pins, the customer's new name and unpinning, live", chat(async open => {
    const { inbox, agents: [dot, eli] } = await team(['Dot', 'Eli'], { assignmentMode: 'MANUAL' });
    const tag = await newTag(unique('Loyal'), '#039855');
    const dots = await agentConsole(open, dot);
    const elis = await agentConsole(open, eli);
    const text = `live card ${Date.now()}`;
    const visitor = await visitorWrites(open, inbox, 'visitor', text);
    for (const page of [dots, elis]) {
        await page.locator('.conversation-list li', { hasText: text }).click();
        await card(page).getByText('Anonymous visitor').waitFor();
    }
    await elis.evaluate(() => { window.stillTheSamePage = true; });

    await card(dots).getByLabel('Tag to add').selectOption({ label: `${tag.name} (0)` });
    await card(dots).getByRole('button', { name: 'Add tag' }).click();
    await card(elis).locator('.customer-tag', { hasText: tag.name }).waitFor();

    await card(dots).getByRole('button', { name: `Pin tag ${tag.name}` }).click();
    await card(elis).getByRole('button', { name: `Unpin tag ${tag.name}` }).waitFor();
    await elis.locator('.conversation-list li', { hasText: text }).locator('.pinned-tags', { hasText: tag.name }).waitFor();

    // The customer says who they are (as the offline form does): the colleague's card and header follow.
    await visitor.evaluate(() => window.switchboardWidget.socket.send({ type: 'introduce', name: 'Rita Live',
        email: 'rita@example.com' }));
    await card(elis).locator('.customer-name', { hasText: 'Rita Live' }).waitFor();
    await card(elis).locator('dd', { hasText: 'rita@example.com' }).waitFor();
    await panel(elis).locator('.who', { hasText: 'Rita Live' }).waitFor();

    await card(dots).getByRole('button', { name: `Remove tag ${tag.name}` }).click();
    await card(elis).locator('.customer-tag', { hasText: tag.name }).waitFor({ state: 'detached' });

    await card(dots).getByRole('button', { name: 'Unpin customer…' }).click();
    await dots.getByRole('dialog').getByRole('button', { name: 'Unpin' }).click();
    await card(elis).getByText('unpinned from its customer').waitFor();
    assert.equal(await elis.evaluate(() => window.stillTheSamePage), true, 'all of it live, no reload');
}));

test('a customer who wrote on the offline form has it as their source on the card', chat(async open => {
    const { inbox, agents: [fay] } = await team(['Fay'], { offlineMessage: 'Back at 9.' });
    const visitor = await open('visitor');
    await visitor.goto(`visitor.html?inbox=${encodeURIComponent(inbox.name)}`);
    const form = visitor.locator('#contact');
    await form.getByLabel('Name').fill('Otto Offline');
    await form.getByLabel('E-mail').fill('otto@example.com');
    const text = `left offline ${Date.now()}`;
    await form.getByLabel('Message').fill(text);
    await form.getByRole('button', { name: 'Send' }).click();
    await visitor.locator('#contact-done').waitFor();

    const agent = await agentConsole(open, fay);
    await agent.locator('.conversation-list li', { hasText: text }).click();
    await card(agent).locator('dd', { hasText: /^Offline form on \S+ · Switchboard · Chat$/ }).waitFor();
    await card(agent).getByText('Otto Offline').waitFor();
}));
