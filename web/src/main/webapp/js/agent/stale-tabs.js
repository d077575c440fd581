// Keeps the console's tabs to conversations that are still there for the agent. A conversation that ended
// (closed or archived) loses its tab as soon as it is not the one on screen: at once in the background, or when
// the agent moves on from it; one the agent may not read any more (deleted, or no longer theirs) loses its tab at
// once, with a line saying why. Reloading the page brings back only tabs of conversations still going on.

import {$} from '../common/dom.js';

const ENDED = ['CLOSED', 'ARCHIVED'];
/** Error codes of a conversation that is gone for this agent (docs/PROTOCOL.md). */
const GONE = ['conversation.unknown', 'conversation.not-yours'];

export class StaleTabs {
    constructor(console) {
        this.console = console;
        console.list.addEventListener('status', event => this.statusChanged(event.detail.after));
    }

    static ended(summary) {
        return ENDED.includes(summary?.status);
    }

    /** Whether a refusal says the conversation is gone for this agent. */
    static gone(code) {
        return GONE.includes(code);
    }

    statusChanged(summary) {
        const view = this.console.views.get(summary.id);
        if (!view) return;
        view.ended = StaleTabs.ended(summary);
        if (view.ended && view !== this.console.active) {
            this.close(view.id, `The chat with ${summary.visitorLabel} ended: its tab was closed.`);
        } else {
            this.console.renderTabs();
        }
    }

    /**
     * conversation.status from the socket: an archived conversation leaves the list (it shows everything but
     * archived ones), so the list alone would never see it end.
     */
    signalled({conversationId, status}) {
        const summary = this.console.list.summaries.get(conversationId);
        this.statusChanged({...summary, id: conversationId, status,
            visitorLabel: summary?.visitorLabel ?? `Conversation ${conversationId}`});
    }

    /** Another tab came on screen: the ended ones the agent has left are closed. */
    shown(active) {
        for (const view of [...this.console.views.values()]) {
            if (view.ended && view !== active) this.close(view.id, '');
        }
    }

    /**
     * The conversation is gone for this agent: the server refused it (deleted, or not theirs to read any more), or
     * said it was deleted. Its draft is not kept: there is nowhere to keep it.
     */
    lost(id, message) {
        if (!this.console.views.has(id)) return;
        const label = this.console.list.summaries.get(id)?.visitorLabel ?? `Conversation ${id}`;
        this.close(id, `${label}: ${message} Its tab was closed.`, {saveDraft: false});
    }

    close(id, notice, options) {
        this.console.closeView(id, options);
        if (notice) $('#tab-notice').textContent = notice;
    }
}
