// The agent's own block list ("My blocks"): visitors and colleagues who may not message them (GET/POST/DELETE
// /api/agent/me/blocks). Visitors are added from their conversation ("Block for me"), colleagues here.

import {el, fill} from '../common/dom.js';
import {ask, field, select} from './dialog.js';

export class MyBlocks {
    constructor(context) {
        this.context = context;     // the console's: api, me, inboxes(), reloadInboxes()
        this.list = el('ul', {class: 'blocks', 'aria-label': 'My blocks'});
        this.problem = el('p', {class: 'problem', role: 'alert'});
    }

    async show() {
        await this.context.reloadInboxes().catch(() => {});
        const colleague = select('colleague', this.colleagues());
        const add = el('button', {type: 'button', class: 'secondary', onclick: () => this.guard(async () => {
            await this.context.api.post('/me/blocks', {agentId: Number(colleague.value)});
            await this.load();
        })}, 'Block colleague');
        const body = [this.list,
            el('div', {class: 'block-colleague'}, field('Colleague', colleague), add),
            el('p', {class: 'muted'}, 'Visitors you block from their conversation ("Block for me") are listed here too. '
                + 'Nobody on this list can message you or hand you a conversation.'),
            this.problem];
        await this.load();
        await ask({title: 'My blocks', ok: 'Close', body, submit: async () => null});
    }

    /** Colleagues of every inbox, by name, without oneself. */
    colleagues() {
        const byId = new Map();
        for (const inbox of this.context.inboxes()) {
            for (const member of inbox.members) {
                if (member.agentId !== this.context.me.agentId) byId.set(member.agentId, member.name);
            }
        }
        return [...byId].sort((a, b) => a[1].localeCompare(b[1]));
    }

    async load() {
        const blocks = await this.context.api.get('/me/blocks');
        fill(this.list, blocks.length ? blocks.map(block => el('li', {dataset: {blockId: block.blockId}},
            el('span', {class: 'block-kind muted'}, block.visitorId !== null ? 'Visitor · ' : 'Colleague · '),
            el('span', {class: 'block-name'}, block.name),
            el('button', {type: 'button', class: 'link', 'aria-label': `Remove ${block.name}`,
                onclick: () => this.guard(async () => {
                    await this.context.api.delete(`/me/blocks/${block.blockId}`);
                    await this.load();
                })}, 'Remove'))) : el('li', {class: 'muted'}, 'Nobody is blocked.'));
    }

    async guard(run) {
        this.problem.textContent = '';
        try {
            await run();
        } catch (failure) {
            this.problem.textContent = failure.message;
        }
    }
}
