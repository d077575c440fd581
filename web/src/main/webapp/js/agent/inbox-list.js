// The conversation list on the left: GET /api/agent/conversations with the filters and sort chosen (an agent,
// several conversation tags at once: all of them; the customer's tags: CustomerTagFilter), refreshed (coalesced) whenever an event of the agent socket may have changed
// it: messages, routing, conversation.status (closed, reopened, archived) and conversation.overdue. No timed poll:
// what a socket that was away missed is read once it is back (the console refreshes on every welcome), and a tab
// coming back into sight reads it again. A filter the server refuses empties the list and says why: lines of the
// previous filter must not pass for its results.

import {$, el, fill, time} from '../common/dom.js';
import {verifiedMark} from './verified.js';
import {customerTagBadge} from './customer-card.js';
import {CustomerTagFilter} from './customer-tag-filter.js';

const PAGE_SIZE = 25;
const API_PAGE_LIMIT = 100;     // the most conversations one request of the API returns

export class InboxList extends EventTarget {
    constructor(api, onOpen) {
        super();
        this.api = api;
        this.onOpen = onOpen;
        this.summaries = new Map();     // id → summary as last listed
        this.pages = 1;
        this.activeId = null;
        this.customerTags = new CustomerTagFilter(api, () => {
            this.pages = 1;
            this.refresh();
        });
        $('#filters').addEventListener('change', () => {
            this.pages = 1;
            this.refresh();
        });
        $('#filter-tag').addEventListener('keydown', event => {
            if (event.key !== 'Enter') return;
            event.preventDefault();     // no form submission: the list follows at once instead
            this.pages = 1;
            this.refresh();
        });
        $('#more').addEventListener('click', () => {
            this.pages++;
            this.refresh();
        });
        // Events refresh it in the background too; coming back into sight reads it once more, for good measure.
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
        for (const tag of this.tags()) query.append('tag', tag);
        this.customerTags.addTo(query);
        return query;
    }

    /** The conversation tags typed into the filter, separated by commas: a conversation must have all of them. */
    tags() {
        return $('#filter-tag').value.split(',').map(tag => tag.trim()).filter(Boolean);
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

    /**
     * Reads the list again. Resolves once the list shows an answer at least as fresh as this call's: the caller
     * (an accepted offer opening its conversation, a toast wanting its summary) may rely on what it finds then.
     */
    refresh() {
        const turn = this.turn = (this.turn ?? 0) + 1;
        this.latest = this.load(turn);
        return this.latest;
    }

    async load(turn) {
        const size = PAGE_SIZE * this.pages;
        const [listed, mineListed] = await Promise.allSettled([
            this.listed(size),
            this.api.get('/conversations?assignee=me&size=100'),
        ]);
        // Refreshes overlap (events, the timer, a changed filter): only the latest one's answer is shown, or an
        // earlier one answered late would put back the list from before a filter changed. Whoever waits for this
        // one waits for the latest instead, which was asked later.
        if (turn !== this.turn) return this.latest;
        const problem = $('#list-problem');
        if (listed.status === 'rejected') {
            const failure = listed.reason;
            // Refused (4xx): these filters have no results to show, only the reason. Unreachable: the lines
            // shown stay, marked as not up to date, and the next refresh tries again.
            const refused = failure.status >= 400 && failure.status < 500;
            problem.textContent = refused ? failure.message : `Not up to date: ${failure.message}`;
            if (refused) {
                this.shown = [];
                fill($('#conversations'));
                $('#list-empty').hidden = true;
                $('#more').hidden = true;
            }
            return;
        }
        problem.textContent = '';
        const page = listed.value;
        const mine = mineListed.status === 'fulfilled' ? mineListed.value : {items: []};
        // The lines shown last, so that the summary kept of a conversation is the very object its line shows: a
        // change made to it (the visitor's presence) shows in the line too.
        for (const item of [...mine.items, ...page.items]) {
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
        if (mineListed.status === 'rejected') return;   // the badges stay as they were
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
                    item.visitorVerified ? verifiedMark(item.inboxName, {compact: true}) : null),
                item.overdue ? el('span', {class: 'overdue-mark', title: 'Past its reply deadline'}, 'overdue') : null,
                el('span', {class: 'when'}, time(item.lastActivityAt))),
            item.pinnedTags?.length ? el('span', {class: 'pinned-tags'}, item.pinnedTags.map(customerTagBadge)) : null,
            el('span', {class: 'preview'}, item.lastMessage ?? ''),
            el('span', {class: 'line-bottom'},
                el('span', {class: `status status-${item.status.toLowerCase()}`}, item.status.toLowerCase()),
                el('span', {class: 'assignee'}, item.assigneeName ?? 'unassigned'),
                el('span', {class: 'inbox-name'}, item.inboxName),
                item.tags.map(tag => el('span', {class: 'tag', title: 'Conversation tag'}, tag)),
                item.unread ? el('span', {class: 'badge', title: 'Unread'}, String(item.unread)) : null));
        const classes = [item.id === this.activeId ? 'active' : '', item.overdue ? 'is-overdue' : ''].join(' ').trim();
        return el('li', {dataset: {conversationId: item.id}, class: classes || null}, button);
    }

    markActive(id) {
        this.activeId = id;
        for (const line of $('#conversations').children) {
            line.classList.toggle('active', Number(line.dataset.conversationId) === id);
        }
    }

    /** The inboxes for their filter, and their members (but oneself: "Mine") for the assignee filter. */
    fillInboxes(inboxes, myId) {
        // Filled again whenever the console reads the inboxes anew: what was chosen stays chosen.
        const inboxFilter = $('#filter-inbox');
        const inboxChosen = inboxFilter.value;
        fill(inboxFilter, el('option', {value: ''}, 'All inboxes'),
            inboxes.map(inbox => el('option', {value: inbox.id}, inbox.name)));
        inboxFilter.value = inboxChosen;
        if (inboxFilter.value !== inboxChosen) inboxFilter.value = '';
        const agents = new Map();
        for (const member of inboxes.flatMap(inbox => inbox.members)) {
            if (member.agentId !== myId) agents.set(member.agentId, member.name);
        }
        const assignee = $('#filter-assignee');
        const chosen = assignee.value;
        fill(assignee, el('option', {value: ''}, "Everyone's"), el('option', {value: 'me'}, 'Mine'),
            el('option', {value: 'none'}, 'Waiting'),
            agents.size ? el('optgroup', {label: 'Held by'}, [...agents].sort((a, b) => a[1].localeCompare(b[1]))
                .map(([id, name]) => el('option', {value: id}, name))) : null);
        assignee.value = chosen;
        if (assignee.value !== chosen) assignee.value = '';
    }
}
