// What the agent must notice beyond the conversation on screen, from the agent socket's events: a chat handed to
// them directly (a supervisor's assignment, a colleague's transfer), a chat of theirs that opened again, a new
// visitor message in a chat that is not on screen, and a reply that is overdue (their own chats; for supervisors
// and admins, every chat of the inboxes they are members of). Each raises a toast with the sound setting
// (Alerts), not only a badge; one toast per conversation and kind, replaced by the next. Overdue chats are also
// marked in their open view.

import {el} from '../common/dom.js';
import {visitorNamed} from './verified.js';

const OVERSEERS = ['ADMIN', 'SUPERVISOR'];

export class Notifications {
    /**
     * host (the console): {me, alerts, inboxes, loadInboxes(), summaryOf(id), onScreen(id), isOpen(id), open(id)};
     * summaryOf may read the list again for a conversation it does not know yet.
     */
    constructor(host) {
        this.host = host;
        this.overseer = host.me.roles?.some(role => OVERSEERS.includes(role)) ?? false;
        this.reopening = new Set();     // conversations whose reopening message is still to come (its toast says it)
    }

    get me() {
        return this.host.me.agentId;
    }

    frame(frame) {
        switch (frame.type) {
            case 'conversation.assigned':
                // An accepted offer or a take is the agent's own doing: only someone else's choice is news.
                if (frame.agentId === this.me && !frame.offerId && frame.byAgentId !== this.me) {
                    this.raise(frame.conversationId, 'assigned', 'Chat assigned to you',
                        summary => summary.lastMessage);
                }
                break;
            case 'conversation.transferred':
                if (frame.agentId === this.me && frame.byAgentId !== this.me) {
                    this.raise(frame.conversationId, 'assigned', 'Chat handed to you', summary => summary.lastMessage);
                }
                break;
            case 'conversation.status':
                if (frame.status === 'CLOSED' || frame.status === 'ARCHIVED') {
                    this.host.alerts.remove(`overdue:${frame.conversationId}`);
                }
                if (frame.reopened && frame.holderId === this.me && frame.byAgentId !== this.me) {
                    if (!frame.byAgentId) this.reopening.add(frame.conversationId);
                    this.raise(frame.conversationId, 'reopened', 'Chat reopened',
                        () => frame.byAgentId ? 'A colleague wrote in it.' : 'The visitor wrote again.');
                }
                break;
            case 'conversation.overdue':
                this.overdue(frame);
                break;
            case 'message.created':
                if (frame.replay) break;
                if (frame.author === 'AGENT') this.host.alerts.remove(`overdue:${frame.conversationId}`);
                if (frame.author === 'VISITOR' && !this.reopening.delete(frame.conversationId)
                    && !this.host.onScreen(frame.conversationId)) {
                    this.newMessage(frame);
                }
                break;
            default:
                break;
        }
    }

    /** The holder hears of it, and the inbox's supervisors (and admins) who are its members. */
    async overdue(frame) {
        if (frame.holderId !== this.me && !(this.overseer && await this.memberOf(frame.inboxId))) return;
        this.raise(frame.conversationId, 'overdue', 'Reply overdue', summary =>
            `No answer since ${new Date(summary.unansweredSince ?? frame.replyDeadline).toLocaleTimeString()}.`);
    }

    /** From the inboxes the console read (once more for an inbox it does not know: joined since). */
    async memberOf(inboxId) {
        const find = () => this.host.inboxes.find(inbox => inbox.id === inboxId);
        if (!find()) await this.host.loadInboxes().catch(() => {});
        return find()?.members.some(member => member.agentId === this.me) ?? false;
    }

    /**
     * Only for chats that are the agent's business: held by them, or open in a tab. (Overseers get the events of
     * every chat; a waiting one is announced by its offer or broadcast.)
     */
    async newMessage(frame) {
        const summary = await this.host.summaryOf(frame.conversationId);
        if (summary?.assigneeId !== this.me && !this.host.isOpen(frame.conversationId)) return;
        this.raise(frame.conversationId, 'message', 'New message', () => frame.text || 'A file.');
    }

    /** A toast naming the visitor (with the lock of a verified one), with Open; opening it removes its toasts. */
    async raise(conversationId, kind, title, detail) {
        const summary = await this.host.summaryOf(conversationId);
        const text = summary ? [visitorNamed(summary), `: ${detail(summary) ?? ''}`] : `Conversation ${conversationId}`;
        this.host.alerts.show({key: `${kind}:${conversationId}`, conversationId, kind: `notice ${kind}`, title, text,
            actions: [
                {label: 'Open', primary: true, run: async () => this.host.open(conversationId)},
                {label: 'Dismiss', run: async () => {}},
            ]});
    }

    /** Opening a conversation ends what its toasts were asking for (the overdue one stays until it is answered). */
    opened(conversationId) {
        for (const kind of ['assigned', 'reopened', 'message']) this.host.alerts.remove(`${kind}:${conversationId}`);
    }

    /** The open view of a conversation says whether its answer is overdue, as its latest summary does. */
    static mark(view, summary) {
        if (!view) return;
        // Beside the header, wherever the view put it (in a column of its own when the customer card is shown).
        let note = view.header.parentElement.querySelector(':scope > .overdue-note');
        if (!summary?.overdue) {
            note?.remove();
            return;
        }
        if (!note) {
            note = el('p', {class: 'overdue-note', role: 'status'});
            view.header.after(note);
        }
        const since = new Date(summary.unansweredSince).toLocaleTimeString();
        note.textContent = `Reply overdue: the visitor has waited since ${since}.`;
    }
}
