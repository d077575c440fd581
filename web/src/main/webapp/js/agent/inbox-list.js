// The conversation list on the left: GET /api/agent/conversations with the filters and sort chosen, refreshed
// (coalesced) whenever an event may have changed it, and every 10 s for the changes no event announces (a
// visitor ending the chat).

import {$, el, fill, time} from '../common/dom.js';

const PAGE_SIZE = 25;
const API_PAGE_LIMIT = 100;     // the most conversations one request of the API returns
const REFRESH_EVERY_MS = 10000;

export class InboxList extends EventTarget {
    constructor(api, onOpen) {
        super();
        this.api = api;
        this.onOpen = onOpen;
        this.summaries = new Map();     // id → summary as last listed
        this.pages = 1;
        this.activeId = null;
        $('#filters').addEventListener('change', () => {
            this.pages = 1;
            this.refresh();
        });
        $('#filter-tag').addEventListener('keydown', event => {
            if (event.key === 'Enter') event.preventDefault();
        });
        $('#more').addEventListener('click', () => {
            this.pages++;
            this.refresh();
        });
        // A console in a background tab does not poll; events still refresh it, and coming back does.
        this.timer = setInterval(() => {
            if (document.visibilityState === 'visible') this.refresh();
        }, REFRESH_EVERY_MS);
        document.addEventListener('visibilitychange', () => {
            if (document.visibilityState === 'visible') this.refreshSoon();
        });
    }

    query() {
        const query = new URLSearchParams({sort: $('#sort').value});
        const assignee = $('#filter-assignee').value;
        if (assignee) query.set('assignee', assignee);
        const status = $('#filter-status').value;
        if (status) query.set('status', status);     // none: everything but archived
        const inbox = $('#filter-inbox').value;
        if (inbox) query.set('inbox', inbox);
        const channel = $('#filter-channel').value;
        if (channel) query.set('channel', channel);
        const tag = $('#filter-tag').value.trim();
        if (tag) query.set('tag', tag);
        return query;
    }

    /** The first {@code wanted} conversations of the list: in pages of the API's limit, read together. */
    async listed(wanted) {
        const size = Math.min(wanted, API_PAGE_LIMIT);
        const requests = [];
        for (let page = 0; page * size < wanted; page++) {
            const query = this.query();
            query.set('page', String(page));
            query.set('size', String(size));
            requests.push(this.api.get(`/conversations?${query}`));
        }
        const pages = await Promise.all(requests);
        return {items: pages.flatMap(page => page.items).slice(0, wanted), total: pages[0].total};
    }

    /** Coalesces bursts of events into one request. */
    refreshSoon() {
        clearTimeout(this.soon);
        this.soon = setTimeout(() => this.refresh(), 250);
    }

    /** Reads the list again; resolves once the summaries are at least as new as this call (see load). */
    refresh() {
        const turn = this.turn = (this.turn ?? 0) + 1;
        this.latest = this.load(turn);
        return this.latest;
    }

    async load(turn) {
        const size = PAGE_SIZE * this.pages;
        let page;
        let mine;
        try {
            [page, mine] = await Promise.all([
                this.listed(size),
                this.api.get('/conversations?assignee=me&size=100'),
            ]);
        } catch {
            return;     // the connection banner says why; the next refresh tries again
        }
        // Refreshes overlap (events, the timer, a changed filter): only the latest one's answer is shown, or an
        // earlier one answered late would put back the list from before a filter changed. Its caller waits for the
        // latest instead (an offer's toast looks up the conversation it has just heard of).
        if (turn !== this.turn) return this.latest;
        for (const item of [...page.items, ...mine.items]) {
            const before = this.summaries.get(item.id);
            this.summaries.set(item.id, item);
            if (before && before.status !== item.status) {
                this.dispatchEvent(new CustomEvent('status', {detail: {before, after: item}}));
            }
            this.dispatchEvent(new CustomEvent('summary', {detail: item}));
        }
        this.shown = page.items;
        this.render(page.items);
        $('#more').hidden = page.total <= size;
        const unread = mine.items.reduce((sum, item) => sum + item.unread, 0);
        const badge = $('#unread-total');
        badge.textContent = `${unread} unread`;
        badge.hidden = unread === 0;
        document.title = unread ? `(${unread}) Switchboard · Agent` : 'Switchboard · Agent';
    }

    /** The visitor of a conversation connected or left: its line and its open view follow at once. */
    visitorPresence(conversationId, online) {
        const item = this.summaries.get(conversationId);
        if (!item || item.visitorOnline === online) return;
        item.visitorOnline = online;
        this.render(this.shown ?? []);
        this.dispatchEvent(new CustomEvent('summary', {detail: item}));
    }

    render(items) {
        $('#list-empty').hidden = items.length > 0;
        fill($('#conversations'), items.map(item => this.line(item)));
    }

    line(item) {
        const button = el('button', {type: 'button', class: 'line', onclick: () => this.onOpen(item.id)},
            el('span', {class: 'line-top'},
                el('span', {class: 'visitor-label'},
                    el('span', {class: item.visitorOnline ? 'presence-dot online' : 'presence-dot',
                        title: item.visitorOnline ? 'The visitor is connected' : 'The visitor is away'}),
                    item.visitorLabel,
                    item.visitorVerified ? el('span', {class: 'verified', title: 'Verified by the site'}, ' ✓') : null),
                el('span', {class: 'when'}, time(item.lastActivityAt))),
            el('span', {class: 'preview'}, item.lastMessage ?? ''),
            el('span', {class: 'line-bottom'},
                el('span', {class: `status status-${item.status.toLowerCase()}`}, item.status.toLowerCase()),
                el('span', {class: 'assignee'}, item.assigneeName ?? 'unassigned'),
                el('span', {class: 'inbox-name'}, item.inboxName),
                item.tags.map(tag => el('span', {class: 'tag'}, tag)),
                item.unread ? el('span', {class: 'badge', title: 'Unread'}, String(item.unread)) : null));
        return el('li', {dataset: {conversationId: item.id}, class: item.id === this.activeId ? 'active' : null}, button);
    }

    markActive(id) {
        this.activeId = id;
        for (const line of $('#conversations').children) {
            line.classList.toggle('active', Number(line.dataset.conversationId) === id);
        }
    }

    fillInboxes(inboxes) {
        fill($('#filter-inbox'), el('option', {value: ''}, 'All inboxes'),
            inboxes.map(inbox => el('option', {value: inbox.id}, inbox.name)));
    }
}
