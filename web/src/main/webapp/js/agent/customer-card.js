// The customer card: the right-hand panel beside an open conversation. Who the customer is and where they came
// from (the widget on a site, its offline form, a legacy system), their other conversations (opened from here), their
// tags (added, removed, pinned), and unpinning the customer from this conversation. Everything through
// /api/agent/conversations/{id}/customer. It reads itself again when the agent socket says the customer or the
// catalogue changed (customer.changed, customer-tags.changed: the console calls load()).

import {el, fill, time} from '../common/dom.js';
import {ask} from './dialog.js';
import {verifiedMark} from './verified.js';

export class CustomerCard {
    constructor(conversationId, context) {
        this.id = conversationId;
        this.context = context;
        this.card = null;
        this.catalogue = {palette: [], mayCreate: false, tags: []};
        this.problem = el('p', {class: 'problem', role: 'alert'});
        this.body = el('div', {class: 'customer-card-body'}, el('p', {class: 'muted'}, 'Loading…'));
        this.node = el('aside', {class: 'customer-card', 'aria-label': 'Customer card'},
            el('h3', {}, 'Customer'), this.body, this.problem);
        this.load();
    }

    get path() {
        return `/conversations/${this.id}/customer`;
    }

    /** Reads the card and the catalogue; of loads that overlap, only the latest one's answer shows. */
    async load() {
        const turn = this.turn = (this.turn ?? 0) + 1;
        try {
            const [card, catalogue] = await Promise.all([this.context.api.get(this.path),
                this.context.api.get('/customer-tags')]);
            if (turn !== this.turn) return;
            [this.card, this.catalogue] = [card, catalogue];
            fill(this.problem);
            this.render();
        } catch (failure) {
            if (turn === this.turn) fill(this.problem, failure.message);
        }
    }

    /** Runs a change of the card; its answer (the customer's tags) or a refusal shows at once. */
    async change(run) {
        fill(this.problem);
        try {
            await run();
        } catch (failure) {
            fill(this.problem, failure.message);
        }
    }

    render() {
        // A live reload must not take away what the agent is typing or choosing on the card.
        const kept = [...this.body.querySelectorAll('input, select')].map(input => [input.getAttribute('aria-label'), input.value]);
        const focused = document.activeElement?.closest?.('.customer-card') === this.node
            ? document.activeElement.getAttribute('aria-label') : null;
        this.renderCard();
        for (const [label, value] of kept) {
            const input = [...this.body.querySelectorAll('input, select')].find(i => i.getAttribute('aria-label') === label);
            if (!input || (input.tagName === 'SELECT' && ![...input.options].some(option => option.value === value))) continue;
            input.value = value;
            input.dispatchEvent(new Event('change'));
        }
        if (focused) [...this.body.querySelectorAll('[aria-label]')].find(n => n.getAttribute('aria-label') === focused)?.focus();
    }

    renderCard() {
        const card = this.card;
        if (!card.pinned) {
            fill(this.body, el('p', {class: 'muted unpinned'},
                'This conversation was unpinned from its customer: it has no customer card.'));
            return;
        }
        fill(this.body,
            el('p', {class: 'customer-name'}, card.name ?? 'Anonymous visitor',
                card.verified ? verifiedMark(this.context.summary(this.id)?.inboxName)
                    : el('span', {class: 'muted'}, ' · not verified')),
            el('dl', {class: 'customer-facts'},
                fact('E-mail', card.email ?? '—'),
                fact('Source', source(card.source)),
                fact('First seen', time(card.firstSeen)),
                fact('Browser', card.browser ? shortBrowser(card.browser) : '—', card.browser),
                fact('Address', card.address ?? '—')),
            this.renderEarlier(),
            this.renderTags(),
            el('button', {type: 'button', class: 'secondary unpin', onclick: () => this.unpin()}, 'Unpin customer…'));
    }

    renderEarlier() {
        const card = this.card;
        return el('section', {class: 'customer-earlier'},
            el('h4', {}, `Earlier conversations: ${card.earlierCount}`),
            card.earlier.length ? el('ul', {}, card.earlier.map(c => el('li', {},
                el('button', {type: 'button', class: 'link', onclick: () => this.context.open(c.id)},
                    `#${c.id} · ${c.inboxName} · ${c.status.toLowerCase()} · ${time(c.startedAt)}`)))) : null);
    }

    renderTags() {
        const carried = new Set(this.card.tags.map(tag => tag.id));
        const choices = this.catalogue.tags.filter(tag => !carried.has(tag.id));
        const picker = el('select', {'aria-label': 'Tag to add'},
            choices.map(tag => el('option', {value: tag.id}, `${tag.name} (${tag.conversations})`)));
        const section = el('section', {class: 'customer-tags'}, el('h4', {}, 'Tags'),
            this.card.tags.length ? el('ul', {class: 'customer-tag-list'}, this.card.tags.map(tag => el('li', {},
                customerTagBadge(tag),
                el('button', {type: 'button', class: 'link', 'aria-pressed': String(tag.pinned),
                    'aria-label': `${tag.pinned ? 'Unpin' : 'Pin'} tag ${tag.name}`,
                    onclick: () => this.change(() => this.pin(tag, !tag.pinned))}, tag.pinned ? 'Unpin' : 'Pin'),
                el('button', {type: 'button', class: 'link', 'aria-label': `Remove tag ${tag.name}`,
                    onclick: () => this.change(() => this.tags(this.context.api.delete(`${this.path}/tags/${tag.id}`)))},
                    'Remove')))) : el('p', {class: 'muted'}, 'No tags.'),
            choices.length ? el('form', {class: 'customer-tag-add', onsubmit: event => {
                event.preventDefault();
                this.change(() => this.tags(this.context.api.post(`${this.path}/tags`, {tagId: Number(picker.value)})));
            }}, picker, el('button', {type: 'submit', class: 'secondary'}, 'Add tag')) : null);
        if (this.catalogue.mayCreate) section.append(this.renderNewTag());
        return section;
    }

    renderNewTag() {
        const name = el('input', {'aria-label': 'New tag name', maxlength: 30, placeholder: 'New tag', required: true});
        const colour = el('select', {'aria-label': 'New tag colour'},
            this.catalogue.palette.map(value => el('option', {value}, value)));
        colour.addEventListener('change', () => colour.style.setProperty('--tag-colour', colour.value));
        colour.style.setProperty('--tag-colour', this.catalogue.palette[0] ?? '');
        return el('form', {class: 'customer-tag-new', onsubmit: event => {
            event.preventDefault();
            this.change(async () => {
                const tag = await this.context.api.post('/customer-tags', {name: name.value, colour: colour.value});
                name.value = '';
                await this.tags(this.context.api.post(`${this.path}/tags`, {tagId: tag.id}));
            });
        }}, name, colour, el('button', {type: 'submit', class: 'secondary'}, 'Create and add'));
    }

    pin(tag, pinned) {
        return this.tags(this.context.api.put(`${this.path}/tags/${tag.id}/pinned`, {pinned}));
    }

    /** The customer's tags after a change: the card and the catalogue's counts again. */
    async tags(answer) {
        const tags = await answer;
        const turn = this.turn = (this.turn ?? 0) + 1;     // a load begun before this change answers too old
        const catalogue = await this.context.api.get('/customer-tags');
        if (turn !== this.turn) return;
        this.card.tags = tags;
        this.catalogue = catalogue;
        this.render();
        this.context.refreshListSoon();
    }

    async unpin() {
        await ask({title: 'Unpin the customer from this conversation?', ok: 'Unpin',
            body: [el('p', {}, 'The conversation stays, and so does the customer, but this conversation leaves the '
                + "customer's card and no longer counts for their tags. This cannot be undone.")],
            submit: async () => {
                this.card = await this.context.api.delete(this.path);
                this.render();
                this.context.refreshListSoon();
                return true;
            }});
    }
}

function fact(label, value, title) {
    return [el('dt', {}, label), el('dd', {title}, value)];
}

/** A customer tag in its colour (pinned ones marked): on the card and under the customer in the list. */
export function customerTagBadge(tag) {
    const node = el('span', {class: 'customer-tag', dataset: {pinned: tag.pinned ? 'yes' : ''}}, tag.name);
    node.style.setProperty('--tag-colour', tag.colour);
    return node;
}

function source(from) {
    if (from.channel === 'JMS') {
        return `Legacy system ${from.system ? `${from.system} ` : ''}(JMS)`
            + `${from.externalId ? ` · customer ${from.externalId}` : ''}`;
    }
    const how = from.offlineForm ? 'Offline form' : 'Widget';
    if (!from.pageUrl) return how;
    return `${how} on ${from.site ?? from.pageUrl}${from.pageTitle ? ` · ${from.pageTitle}` : ''}`;
}

/** "Chrome 120 on Linux" from a user agent, or the start of it. */
function shortBrowser(agent) {
    const browser = /(Edg|OPR|Firefox|Chrome|Safari)\/(\d+)/.exec(agent);
    const system = /(Windows|Mac OS X|Android|iPhone|Linux)/.exec(agent);
    if (!browser) return agent.slice(0, 40);
    const name = {Edg: 'Edge', OPR: 'Opera'}[browser[1]] ?? browser[1];
    return `${name} ${browser[2]}${system ? ` on ${system[1].replace('Mac OS X', 'macOS')}` : ''}`;
}
