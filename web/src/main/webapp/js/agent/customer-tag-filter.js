// The list's filter by customer tags: the coloured tags of the customer card (the conversations' own free-text tags
// have the field beside it). "All" (no filter), "No tags set", or tags chosen from the list, all of which the
// customer must carry; the "Pinned" switch narrows both the list and the picker to pinned tags ("No tags set"
// excludes the list and the switch). The picker lists the tags that conversations the agent may read carry, by how
// many, chosen ones first, with a field to find one by name (Enter chooses the first found). It shows once the
// catalogue has a tag, and reads it again when opened and when the catalogue changes (customer-tags.changed): a
// chosen tag that was deleted is dropped from the filter.

import {$, el, fill} from '../common/dom.js';
import {customerTagBadge} from './customer-card.js';

const MAX_CHOSEN = 10;      // a customer carries at most 10 tags: the server refuses more

export class CustomerTagFilter {
    /** {@code onChange}: the filter changed (the list reads itself again). */
    constructor(api, onChange) {
        this.api = api;
        this.onChange = onChange;
        this.choice = 'all';            // the radio: 'all', 'none' (no tags set) or 'list'
        this.chosen = new Map();        // id → tag, in the order chosen
        this.pinned = false;
        this.picker = [];               // the tags offered: [{id, name, colour, conversations}]
        this.node = $('#customer-tag-filter');
        this.search = $('#customer-tag-search');
        this.node.addEventListener('toggle', () => {
            if (this.node.open) this.load();
        });
        for (const radio of this.node.querySelectorAll('input[name="customer-tags-mode"]')) {
            radio.addEventListener('change', () => this.mode(radio.value));
        }
        $('#customer-tags-pinned').addEventListener('change', event => {
            this.pinned = event.target.checked;
            this.render();
            this.load();
        });
        // Finding a tag is no change of the filter: the list stays until one is chosen.
        this.search.addEventListener('change', event => event.stopPropagation());
        this.search.addEventListener('input', () => this.renderChoices());
        this.search.addEventListener('keydown', event => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            const first = this.found().find(tag => !this.chosen.has(tag.id));
            if (first && !this.untagged) this.choose(first, true);
        });
        this.render();
        this.load();
    }

    get untagged() {
        return this.choice === 'none';
    }

    /** Adds the filter's parameters to the list's query. */
    addTo(query) {
        if (this.untagged) {
            query.set('customerTags', 'none');
            return;
        }
        for (const id of this.chosen.keys()) query.append('customerTag', String(id));
        if (this.pinned) query.set('customerTagsPinned', 'true');
    }

    /** Reads the catalogue (and, with the switch on, the pinned tags) again; drops chosen tags that are gone. */
    async load() {
        try {
            const catalogue = await this.api.get('/customer-tags');
            this.node.hidden = catalogue.tags.length === 0 && !this.active();
            const pinned = this.pinned ? await this.api.get('/customer-tags?pinned=true') : catalogue;
            this.picker = pinned.tags;
            const known = new Set(catalogue.tags.map(tag => tag.id));
            const gone = [...this.chosen.keys()].filter(id => !known.has(id));
            for (const id of gone) this.chosen.delete(id);
            for (const tag of catalogue.tags) if (this.chosen.has(tag.id)) this.chosen.set(tag.id, tag);
            this.problem('');
            this.render();
            if (gone.length) this.onChange();
        } catch (failure) {
            this.problem(failure.message);
        }
    }

    active() {
        return this.untagged || this.pinned || this.chosen.size > 0;
    }

    /** A radio was chosen; the form's change listener reads the list again. */
    mode(value) {
        this.choice = value;
        if (value !== 'list') this.chosen.clear();
        if (this.untagged && this.pinned) {
            this.pinned = false;
            this.load();
        }
        this.render();
    }

    choose(tag, chosen) {
        this.choice = 'list';
        if (chosen) this.chosen.set(tag.id, tag);
        else this.chosen.delete(tag.id);
        this.search.value = '';
        this.render();
        this.onChange();
    }

    /** The tags whose names hold what was typed into the search field. */
    found() {
        const wanted = this.search.value.trim().toLocaleLowerCase();
        return this.picker.filter(tag => tag.name.toLocaleLowerCase().includes(wanted));
    }

    render() {
        this.node.querySelector(`input[name="customer-tags-mode"][value="${this.choice}"]`).checked = true;
        const pinned = $('#customer-tags-pinned');
        pinned.checked = this.pinned;
        pinned.disabled = this.untagged;
        this.search.disabled = this.untagged;
        const names = [...this.chosen.values()].map(tag => tag.name).join(' + ');
        const what = this.untagged ? 'no tags set' : names ? (this.pinned ? `${names}, pinned` : names)
            : this.pinned ? 'any pinned' : 'all';
        fill($('#customer-tag-summary'), 'Customer tags: ', el('span', {class: 'customer-tag-what'}, what));
        this.node.classList.toggle('filtering', this.active());
        this.renderChoices();
    }

    renderChoices() {
        const found = new Set(this.found().map(tag => tag.id));
        // Chosen ones on top (as they were chosen), then the tags conversations carry, most first.
        const offered = [...this.chosen.values(),
            ...this.picker.filter(tag => !this.chosen.has(tag.id) && tag.conversations > 0 && found.has(tag.id))];
        const counts = new Map(this.picker.map(tag => [tag.id, tag.conversations]));
        const full = this.chosen.size >= MAX_CHOSEN;
        fill($('#customer-tag-choices'), offered.length ? offered.map(tag => {
            const chosen = this.chosen.has(tag.id);
            return el('li', {}, el('label', {class: chosen ? 'chosen' : null},
                el('input', {type: 'checkbox', value: tag.id, checked: chosen, disabled: this.untagged || (full && !chosen),
                    onchange: event => {
                        event.stopPropagation();    // the list follows once, through onChange
                        this.choose(tag, event.target.checked);
                    }}),
                customerTagBadge({...tag, pinned: false}),
                el('span', {class: 'customer-tag-count', title: 'Conversations'}, String(counts.get(tag.id) ?? 0))));
        }) : el('li', {class: 'muted'}, this.search.value.trim() ? 'No tag of that name.'
            : this.pinned ? 'No conversation of yours has a pinned customer tag.'
                : 'No conversation of yours carries a customer tag.'));
        $('#customer-tag-full').hidden = !full;
    }

    problem(message) {
        $('#customer-tag-problem').textContent = message;
    }
}
