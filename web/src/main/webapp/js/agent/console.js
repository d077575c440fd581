// The agent console (agent.html): signs in over HTTP, holds one agent socket (docs/PROTOCOL.md) and hands its
// events to the list, the open conversations and the toasts. After every reconnect each open conversation
// resumes from the last seq it shows, so nothing written meanwhile is missed and nothing shows twice.

import {$, basePath, el, fill} from '../common/dom.js';
import {ReconnectingSocket, socketUrl} from '../common/socket.js';
import {Alerts} from './alerts.js';
import {Api, signIn} from './api.js';
import {ConversationView} from './conversation-view.js';
import {MyBlocks} from './my-blocks.js';
import {Notifications} from './notifications.js';
import {InboxList} from './inbox-list.js';
import {verifiedMark, visitorNamed} from './verified.js';
import {ACCEPT_OFFER, listenForShortcuts} from './shortcuts.js';
import {StaleTabs} from './stale-tabs.js';
import {endedText} from './ended.js';

const base = basePath(import.meta.url);
const SESSION_KEY = 'switchboard.console.session';
// The status an agent chose last, kept in this browser across sign-outs: the server's may have become OFFLINE
// meanwhile (a console that stays disconnected goes offline), and signing in restores the choice.
const presenceKey = agentId => `switchboard.console.presence.${agentId}`;

/**
 * Who an offer, a broadcast or an invitation is about: the visitor (with the lock of a verified one) and their last
 * message as the list shows them, else as the news names them (a chat the list's filters leave out, an inbox of
 * others that the agent may not list before accepting).
 */
function aboutVisitor(summary, frame) {
    if (summary) return [visitorNamed(summary), `: ${summary.lastMessage ?? ''}`];
    if (!frame.visitorLabel) return `Conversation ${frame.conversationId}`;
    return frame.lastMessage ? [visitorNamed(frame), `: ${frame.lastMessage}`] : visitorNamed(frame);
}

class Console {
    constructor(session, signedIn = false) {
        this.session = session;
        this.signedIn = signedIn;
        this.me = {agentId: session.agentId, name: session.name, roles: session.roles};
        this.api = new Api(base, session.token, () => this.signOut('Your session has ended: sign in again.'));
        this.views = new Map();         // conversation id → ConversationView, in the order opened
        this.active = null;
        this.inboxes = [];
        this.canned = [];
        this.alerts = new Alerts();
        this.list = new InboxList(this.api, id => this.open(id));
        this.list.addEventListener('summary', event => this.views.get(event.detail.id)?.renderHeader());
        this.list.addEventListener('summary',
            event => Notifications.mark(this.views.get(event.detail.id), event.detail));
        this.notifications = new Notifications(this);
        this.list.addEventListener('status', event => this.statusChanged(event.detail));
        this.staleTabs = new StaleTabs(this);
        this.socket = new ReconnectingSocket(() => socketUrl(`${base}/ws/agent`, {token: this.session.token}), {
            onFrame: frame => this.frame(frame),
            onState: status => this.connection(status),
            retry: event => event.code !== 1008,
        });
        this.context = {
            api: this.api, socket: this.socket, me: this.me, base,
            inboxes: () => this.inboxes, canned: () => this.canned,
            summary: id => this.list.summaries.get(id),
            closeView: id => this.closeView(id),
            lost: (id, message) => this.staleTabs.lost(id, message),
            open: id => this.open(id),
            refreshList: () => this.list.refresh(),
            refreshListSoon: () => this.list.refreshSoon(),
            reloadCanned: () => this.loadCanned(),
            reloadInboxes: () => this.loadInboxes(),
        };
        this.start();
    }

    async start() {
        $('#signin').hidden = true;
        $('#app').hidden = false;
        fill($('#me'), this.me.name);
        $('#presence').addEventListener('change', () => this.changePresence());
        $('#go-online').addEventListener('click', () => {
            $('#presence').value = 'ONLINE';
            this.changePresence();
        });
        $('#signout').addEventListener('click', () => this.signOutEverywhere());
        $('#my-blocks').addEventListener('click', () => new MyBlocks(this.context).show());
        listenForShortcuts();
        $('#filter-assignee').addEventListener('focus', () => this.loadInboxes().catch(() => {}));
        document.addEventListener('visibilitychange', () => this.markSeen());
        window.addEventListener('focus', () => this.markSeen());
        window.addEventListener('beforeunload', event => {
            if ([...this.views.keys()].some(id => this.holdsActive(id))) {
                event.preventDefault();
                event.returnValue = '';
            }
        });
        try {
            const me = await this.api.get('/me');
            this.me.mayDelete = me.mayDeleteConversations;     // what the views offer (rights.js)
            this.showPresence(me.presence);
            if (this.signedIn) await this.restorePresence(me.presence);
            await this.loadInboxes();
        } catch (failure) {
            this.connection('closed', failure.message);
        }
        await Promise.all([this.list.refresh(), this.loadCanned()]);
        for (const id of JSON.parse(sessionStorage.getItem(`${SESSION_KEY}.open`) ?? '[]')) {
            if (!StaleTabs.ended(this.list.summaries.get(id))) this.open(id, false);
        }
        this.saveOpen();
    }

    /** A conversation of ours whose visitor is still connected: leaving would leave them waiting for an answer. */
    holdsActive(id) {
        const summary = this.list.summaries.get(id);
        return summary?.status === 'ASSIGNED' && summary.assigneeId === this.me.agentId && summary.visitorOnline;
    }

    /**
     * Inboxes with their members' presence: read again by the transfer and invite dialogs, and when the agent
     * turns to the assignee filter, which then lists colleagues who joined since the page loaded.
     */
    async loadInboxes() {
        this.inboxes = await this.api.get('/inboxes');
        this.list.fillInboxes(this.inboxes, this.me.agentId);
    }

    async loadCanned() {
        try {
            this.canned = await this.api.get('/canned-responses');
        } catch {
            this.canned = [];
        }
    }

    /** Signing in brings back the status this agent chose last in this browser, if the server has another one. */
    async restorePresence(current) {
        const chosen = localStorage.getItem(presenceKey(this.me.agentId));
        if (chosen && chosen !== current && ['ONLINE', 'AWAY', 'OFFLINE'].includes(chosen)) {
            $('#presence').value = chosen;
            await this.changePresence();
        }
    }

    /** The menu shows the status; offline, a line says that no chats come and offers to go online. */
    showPresence(presence) {
        $('#presence').value = presence;
        $('#presence-hint').hidden = presence !== 'OFFLINE';
    }

    async changePresence() {
        try {
            const me = await this.api.put('/me/presence', {presence: $('#presence').value});
            this.showPresence(me.presence);
            localStorage.setItem(presenceKey(this.me.agentId), me.presence);
        } catch (failure) {
            this.connection(this.socket.connected ? 'open' : 'closed', failure.message);
        }
    }

    connection(status, problem) {
        const label = problem ?? {connecting: 'Connecting…', open: '', closed: 'Reconnecting…'}[status];
        $('#connection').textContent = label ?? '';
        document.body.dataset.connection = status;
    }

    // ---- socket events -------------------------------------------------------------------------------------

    frame(frame) {
        this.notifications.frame(frame);
        switch (frame.type) {
            case 'welcome':
                this.connection('open');
                // Every open conversation picks up where it stopped: replay, then live.
                for (const view of this.views.values()) this.resume(view);
                this.list.refreshSoon();
                break;
            case 'message.created': {
                const view = this.views.get(frame.conversationId);
                if (view?.add(frame)) {
                    if (view === this.active) this.markSeen();
                    if (!frame.replay && frame.author === 'VISITOR') view.showNotice('');
                }
                if (!frame.replay) this.list.refreshSoon();
                break;
            }
            case 'resumed':
                if (this.active?.id === frame.conversationId) this.markSeen();
                break;
            case 'message.accepted':
                break;      // the message itself arrives as message.created, like everybody else's
            case 'message.status':
                this.views.get(frame.conversationId)?.status(frame);
                break;
            case 'typing':
                if (frame.author === 'VISITOR') this.views.get(frame.conversationId)?.visitorTyping(frame.typing);
                break;
            case 'visitor.presence':
                this.list.visitorPresence(frame.conversationId, frame.online);
                break;
            case 'visitor.context':
                this.views.get(frame.conversationId)?.pageContext(frame);
                break;
            case 'draft':
                this.views.get(frame.conversationId)?.draft(frame.text);
                break;
            case 'read.position':
                this.list.refreshSoon();
                break;
            case 'offer.created':
                this.offer(frame);
                break;
            case 'offer.withdrawn':
                this.alerts.remove(`offer:${frame.offerId}`);
                this.list.refreshSoon();
                break;
            case 'conversation.broadcast':
                this.broadcast(frame);
                break;
            case 'conversation.taken':
                this.alerts.remove(`broadcast:${frame.conversationId}`);
                this.list.refreshSoon();
                break;
            case 'conversation.status':     // closed, reopened, archived: by anyone, the visitor included
                this.staleTabs.signalled(frame);
                this.list.refreshSoon();
                break;
            case 'conversation.assigned':
            case 'conversation.transferred':
            case 'conversation.overdue':
                this.list.refreshSoon();
                break;
            case 'customer.changed':        // tags, pins, unpinning, name or e-mail: open cards and lines follow
                for (const view of this.views.values()) {
                    if (this.list.summaries.get(view.id)?.visitorId === frame.customerId) view.customerChanged();
                }
                if (this.list.customerTags.node.open) this.list.customerTags.load();     // the picker's counts
                this.list.refreshSoon();
                break;
            case 'customer-tags.changed':   // a tag created, renamed, recoloured or deleted
                for (const view of this.views.values()) view.card.load();
                this.list.customerTags.load();
                this.list.refreshSoon();
                break;
            case 'conversation.deleted':
                this.deleted(frame.conversationId);
                break;
            case 'conversation.left':       // this agent left a conversation they took part in, or was asked out
                this.left(frame);
                break;
            case 'conversation.rated':
                this.views.get(frame.conversationId)?.rated(frame);
                break;
            case 'invitation.created':
                this.invitation(frame);
                break;
            case 'invitation.answered':
                this.invitationAnswered(frame);
                this.list.refreshSoon();
                break;
            case 'error':
                this.error(frame);
                break;
            default:
                break;      // newer frame types: ignored, as the protocol asks
        }
    }

    error(frame) {
        if (frame.ref?.startsWith('resume:') && StaleTabs.gone(frame.code)) {
            this.staleTabs.lost(Number(frame.ref.slice(7)), frame.message);
            return;
        }
        if (frame.ref?.startsWith('send:')) {
            for (const view of this.views.values()) view.refused(frame.ref.slice(5), frame.message);
            return;
        }
        if (frame.code === 'auth.expired' || frame.code === 'agent.unauthenticated' || frame.code === 'agent.inactive') {
            this.signOut('Your session has ended: sign in again.');
            return;
        }
        this.connection(this.socket.connected ? 'open' : 'closed', frame.message);
    }

    /**
     * This agent no longer takes part in the conversation, or no longer holds it (an admin handed it on: handedOnBy,
     * handedTo): its tab goes with a line saying why, unless they may still read it (a supervisor, a member of its
     * waiting inbox), when the tab stays and its header follows.
     */
    left({conversationId, askedOut, mayRead, handedOnBy, handedTo}) {
        this.list.refreshSoon();
        const view = this.views.get(conversationId);
        if (!view) return;
        const why = handedOnBy ? `${handedOnBy} handed it on to ${handedTo}.`
            : askedOut ? 'You were asked out of this conversation.' : 'You left this conversation.';
        if (mayRead) {
            view.loadParticipants();
            if (handedOnBy) view.showNotice(`${why} You can still read it.`);
            else if (askedOut) view.showNotice('You were asked out of this conversation; you can still read it.');
            return;
        }
        this.staleTabs.lost(conversationId, why);
    }

    /** Deleted for everyone (by an admin, say): its toasts go, and its tab, with a line saying why. */
    deleted(conversationId) {
        this.alerts.removeFor(conversationId);
        this.staleTabs.lost(conversationId, 'It was deleted.');
        this.list.refreshSoon();
    }

    resume(view) {
        this.socket.send({type: 'resume', conversationId: view.id, afterSeq: view.lastSeq, ref: `resume:${view.id}`});
    }

    async offer(frame) {
        const key = `offer:${frame.offerId}`;
        const summary = await this.summaryOf(frame.conversationId);
        this.alerts.show({key, conversationId: frame.conversationId, kind: 'offer', title: 'Incoming chat',
            deadline: frame.deadline,
            text: aboutVisitor(summary, frame),
            actions: [
                {label: 'Accept', primary: true, keys: ACCEPT_OFFER, run: async () => {
                    await this.api.post(`/offers/${frame.offerId}/accept`);
                    await this.list.refresh();
                    this.open(frame.conversationId);
                }},
                {label: 'Reject', run: async () => {
                    await this.api.post(`/offers/${frame.offerId}/reject`);
                    this.list.refreshSoon();
                }},
            ]});
        // An offer that lapses goes to someone else; its toast goes with it.
        if (frame.deadline) setTimeout(() => this.alerts.remove(key), Math.max(0, new Date(frame.deadline) - Date.now()) + 1000);
    }

    async broadcast(frame) {
        const summary = await this.summaryOf(frame.conversationId);
        this.alerts.show({key: `broadcast:${frame.conversationId}`, conversationId: frame.conversationId,
            kind: 'broadcast', title: 'New chat for everyone',
            text: aboutVisitor(summary, frame),
            actions: [
                {label: 'Reply', primary: true, run: async () => {
                    await this.api.post(`/conversations/${frame.conversationId}/routing/take`);
                    await this.list.refresh();
                    this.open(frame.conversationId);
                }},
                {label: 'Ignore', run: async () => {}},
            ]});
    }

    async invitation(frame) {
        // Until they accept, the invitee may not read a conversation of an inbox of others: the inviter's name
        // says what it is about.
        const [summary, inviter] = await Promise.all([this.summaryOf(frame.conversationId),
            this.agentName(frame.inviterId)]);
        this.alerts.show({key: `invitation:${frame.invitationId}`, conversationId: frame.conversationId,
            kind: 'invitation', title: 'Invitation to a chat', deadline: frame.deadline,
            text: [`${inviter} invites you. `, aboutVisitor(summary, frame)],
            actions: [
                {label: 'Accept', primary: true, run: async () => {
                    await this.api.post(`/invitations/${frame.invitationId}/accept`);
                    await this.list.refresh();
                    this.open(frame.conversationId);
                }},
                {label: 'Decline', run: () => this.api.post(`/invitations/${frame.invitationId}/decline`)},
            ]});
    }

    async invitationAnswered(frame) {
        const view = this.views.get(frame.conversationId);
        if (view) view.invitationAnswered(await this.agentName(frame.inviteeId), frame.status);
    }

    /** A colleague's name, from the inboxes' members (read again once for an agent who joined one since). */
    async agentName(agentId) {
        const find = () => this.inboxes.flatMap(inbox => inbox.members).find(m => m.agentId === agentId)?.name;
        if (!find()) await this.loadInboxes().catch(() => {});
        return find() ?? 'Your colleague';
    }

    /** Whether the agent sees the conversation now: its view is the one shown, in a tab in sight. */
    onScreen(conversationId) {
        return this.active?.id === conversationId && document.visibilityState === 'visible';
    }

    isOpen(conversationId) {
        return this.views.has(conversationId);
    }

    async summaryOf(conversationId) {
        if (!this.list.summaries.has(conversationId)) await this.list.refresh();
        return this.list.summaries.get(conversationId);
    }

    /** The list saw a conversation change status: a visitor who ended the chat is announced in its view. */
    statusChanged({before, after}) {
        const view = this.views.get(after.id);
        if (!view) return;
        if (after.status === 'CLOSED' && before.status !== 'CLOSED' && !view.closedByMe) {
            view.showNotice(after.closed?.by ? `The chat has ended: ${endedText('closed', after.closed)}.`
                : 'The chat has ended (the visitor left or it was closed).');
        } else if (after.status !== 'CLOSED') {
            view.closedByMe = false;
        }
    }

    // ---- open conversations --------------------------------------------------------------------------------

    open(id, focus = true) {
        let view = this.views.get(id);
        if (!view) {
            view = new ConversationView(id, this.context);
            this.views.set(id, view);
            Notifications.mark(view, this.list.summaries.get(id));
            $('#panels').append(view.node);
            this.resume(view);
            this.saveOpen();
        }
        if (focus || !this.active) this.show(view);
        else view.node.hidden = true;
        this.renderTabs();
    }

    show(view) {
        this.active = view;
        for (const other of this.views.values()) other.node.hidden = other !== view;
        $('#nothing-open').hidden = true;
        this.list.markActive(view.id);
        this.notifications.opened(view.id);
        this.staleTabs.shown(view);
        this.renderTabs();
        this.markSeen();
        view.text.focus();
    }

    /** saveDraft: false for a conversation that is gone for this agent (the server would refuse the draft). */
    closeView(id, {saveDraft = true} = {}) {
        const view = this.views.get(id);
        if (!view) return;
        if (saveDraft) view.saveDraft();
        view.node.remove();
        this.views.delete(id);
        if (this.active === view) {
            this.active = null;
            const next = [...this.views.values()].at(-1);
            if (next) this.show(next);
            else {
                $('#nothing-open').hidden = false;
                this.list.markActive(null);
            }
        }
        this.saveOpen();
        this.renderTabs();
    }

    saveOpen() {
        sessionStorage.setItem(`${SESSION_KEY}.open`, JSON.stringify([...this.views.keys()]));
    }

    renderTabs() {
        fill($('#tabs'), [...this.views.values()].map(view => {
            const summary = this.list.summaries.get(view.id);
            return el('span', {class: `tab${view === this.active ? ' active' : ''}${view.ended ? ' ended' : ''}`,
                dataset: {conversationId: view.id}},
                el('button', {type: 'button', class: 'tab-open', onclick: () => this.show(view)},
                    summary?.visitorLabel ?? `#${view.id}`,
                    summary?.visitorVerified ? verifiedMark(summary.inboxName, {compact: true}) : null,
                    view.ended ? ' · ended' : null),
                el('button', {type: 'button', class: 'tab-close', 'aria-label': 'Close tab', title: 'Close tab',
                    onclick: () => this.closeView(view.id)}, '×'));
        }));
    }

    markSeen() {
        if (this.active && document.visibilityState === 'visible') this.active.seen();
    }

    /** Ends the token here and in the agent's other tabs and devices; the page signs out even if that fails. */
    async signOutEverywhere() {
        this.socket.stop();
        const revoked = this.api.delete('/sessions').catch(() => {});
        // Nothing more is asked with a token being revoked: a refresh due meanwhile was answered 401.
        this.api.close();
        await revoked;
        this.signOut();
    }

    signOut(reason) {
        this.socket.stop();
        sessionStorage.removeItem(SESSION_KEY);
        sessionStorage.removeItem(`${SESSION_KEY}.open`);
        if (reason) sessionStorage.setItem(`${SESSION_KEY}.reason`, reason);
        location.reload();
    }
}

function showSignIn() {
    const form = $('#signin');
    form.hidden = false;
    $('#signin-problem').textContent = sessionStorage.getItem(`${SESSION_KEY}.reason`) ?? '';
    sessionStorage.removeItem(`${SESSION_KEY}.reason`);
    offerPasswordReset();
    form.addEventListener('submit', async event => {
        event.preventDefault();
        try {
            const session = await signIn(base, $('#email').value, $('#password').value);
            sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
            window.switchboardConsole = new Console(session, true);
        } catch (failure) {
            $('#signin-problem').textContent = failure.message;
        }
    });
}

/** "Forgot password?" only where the installation can send the mail (reset-password.html does the rest). */
async function offerPasswordReset() {
    try {
        const response = await fetch(`${base}/api/agent/password-resets`);
        if (response.ok && (await response.json()).available === true) $('#forgot-password').hidden = false;
    } catch {
        // Not offered: signing in still works.
    }
}

const saved = sessionStorage.getItem(SESSION_KEY);
if (saved) window.switchboardConsole = new Console(JSON.parse(saved));
else showSignIn();
