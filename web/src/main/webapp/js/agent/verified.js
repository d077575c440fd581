// The mark of a visitor whose name and e-mail the site signed (docs/VISITOR_IDENTITY.md): a lock and the words
// "verified by <inbox>", the inbox whose identity secret signed them. The words are text, not only the icon, so
// screen readers and people who do not know the icon read the same; compact places hide them visually only.

import {el} from '../common/dom.js';

export function verifiedMark(site, {compact = false} = {}) {
    const words = `verified by ${site ?? 'the site'}`;
    return el('span', {class: 'verified', title: `Name and e-mail ${words}`},
        ' ', el('span', {'aria-hidden': 'true'}, '🔒'),
        el('span', {class: compact ? 'visually-hidden' : null}, ` ${words}`));
}

/**
 * The visitor of a conversation (its line in the list) as toasts and notices name them: their label, and the lock
 * when the site signed them.
 */
export function visitorNamed(summary) {
    return [summary.visitorLabel, summary.visitorVerified ? verifiedMark(summary.inboxName) : null];
}
