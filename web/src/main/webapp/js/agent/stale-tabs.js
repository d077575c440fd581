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

    /** Another tab came on screen: the ended ones the agent has left are closed. */
    shown(active) {
        for (const view of [...this.console.views.values()]) {
            if (view.ended && view !== active) this.close(view.id, '');
        }
    }

    /** The server refused the conversation (it is deleted, or not this agent's to read any more). */
    lost(id, message) {
        if (!this.console.views.has(id)) return;
        const label = this.console.list.summaries.get(id)?.visitorLabel ?? `Conversation ${id}`;
        this.close(id, `${label}: ${message} Its tab was closed.`);
    }

    close(id, notice) {
        this.console.closeView(id);
        if (notice) $('#tab-notice').textContent = notice;
    }
}
