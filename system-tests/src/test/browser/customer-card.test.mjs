// The customer card beside an open conversation in the agent console: who the customer is, customer tags with
// colours (an admin creates them; added, pinned and removed from the card), and unpinning the customer from the
// conversation after a confirmation. Run by EmbeddedJourneysIT on the embedded defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, expectErrors } from './browser.mjs';
import { team } from './team.mjs';
import { accept, agentConsole, panel, say, toast, useChat, visitorOnShop, waitUntil } from './chat-pages.mjs';

const chat = useChat();

const card = page => panel(page).locator('.customer-card');

/** The console signed in as the first admin (who oversees every conversation). */
async function adminAgentConsole(open) {
    const page = await open('admin');
    await page.goto('agent.html');
    await page.getByLabel('E-mail').fill(env('SWITCHBOARD_ADMIN_EMAIL'));
    await page.getByLabel('Password').fill(env('SWITCHBOARD_ADMIN_PASSWORD'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#app').waitFor();
    return page;
}

test('the card says who the customer is; an admin tags them from it, pins (the list shows it) and removes tags, then unpins the customer',
    chat(async (open, t) => {
        expectErrors(t, /Failed to load resource: the server responded with a status of 409/);
        const { inbox, agents: [cy] } = await team(['Cy']);
        const agent = await agentConsole(open, cy);
        const { chat: widget } = await visitorOnShop(open, inbox);
        const hello = `Hello card ${Date.now()}`;
        await say(widget, hello);
        await toast(agent).waitFor();
        await accept(agent);

        // Who it is, for the agent who holds the chat: the widget's page, the browser, never seen before.
        await card(agent).getByText('Anonymous visitor').waitFor();
        await card(agent).getByText('not verified').waitFor();
        await card(agent).locator('dd', { hasText: /^Widget on localhost · Pricing · Example Shop$/ }).waitFor();
        await card(agent).locator('dd', { hasText: /^Chrome \d+ on Linux$/ }).waitFor();
        await card(agent).getByText('Earlier conversations: 0').waitFor();
        assert.equal(await card(agent).getByLabel('New tag name').count(), 0, 'agents do not create tags');

        const admin = await adminAgentConsole(open);
        // The admin sees every inbox's chats: on a busy installation this one is found through its inbox.
        await admin.getByLabel('Inbox filter').selectOption({ label: inbox.name });
        await admin.locator('.conversation-list li', { hasText: hello }).click();
        const gold = `Gold ${Date.now() % 100000}`;
        const late = `Late ${Date.now() % 100000}`;
        for (const [name, colour] of [[gold, '#dc6803'], [late, '#d92d20']]) {
            await card(admin).getByLabel('New tag name').fill(name);
            await card(admin).getByLabel('New tag colour').selectOption(colour);
            await card(admin).getByRole('button', { name: 'Create and add' }).click();
            await card(admin).locator('.customer-tag', { hasText: name }).waitFor();
        }
        const badge = card(admin).locator('.customer-tag', { hasText: gold });
        // The card is drawn again as each change comes back: read the colour of the badge that is on the page.
        await waitUntil(async () => await badge.evaluate(node => getComputedStyle(node).backgroundColor) === 'rgb(220, 104, 3)',
            'the badge in the tag\'s colour');

        // A tag that exists already: said in the card, nothing changes.
        await card(admin).getByLabel('New tag name').fill(gold.toUpperCase());
        await card(admin).getByRole('button', { name: 'Create and add' }).click();
        await card(admin).getByRole('alert').getByText('already').waitFor();
        assert.equal(await card(admin).locator('.customer-tag').count(), 2);

        await card(admin).getByRole('button', { name: `Pin tag ${gold}` }).click();
        await card(admin).getByRole('button', { name: `Unpin tag ${gold}` }).waitFor();
        assert.equal(await badge.getAttribute('data-pinned'), 'yes');
        // Pinned tags show under the customer's name in the conversation list.
        const line = admin.locator('.conversation-list li', { hasText: hello });
        await line.locator('.pinned-tags .customer-tag', { hasText: gold }).waitFor();
        await card(admin).getByRole('button', { name: `Remove tag ${late}` }).click();
        await card(admin).locator('.customer-tag', { hasText: late }).waitFor({ state: 'detached' });
        // The removed tag is back in the picker, with how many conversations carry it.
        await card(admin).getByLabel('Tag to add').locator('option', { hasText: `${late} (0)` }).waitFor({ state: 'attached' });

        // Unpinning the customer asks first; the conversation stays, without a card.
        await card(admin).getByRole('button', { name: 'Unpin customer…' }).click();
        await admin.getByRole('dialog').getByText('leaves the customer').waitFor();
        await admin.getByRole('dialog').getByRole('button', { name: 'Unpin' }).click();
        await card(admin).getByText('unpinned from its customer').waitFor();
        await line.locator('.pinned-tags').waitFor({ state: 'detached' });
        await panel(admin).locator('.timeline .entry.visitor', { hasText: hello }).waitFor();
    }));
