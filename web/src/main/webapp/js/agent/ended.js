// Who closed or archived a conversation, in words: "Closed by Anna · 12:03". The list's lines and the status
// signals carry it as {at, by: {kind, agentId, name}} (docs/API.md); by is null for ends made before it was kept.

import {time} from '../common/dom.js';

const WHO = {
    AGENT: by => by.name,
    ADMIN: by => `${by.name} (admin console)`,
    VISITOR: () => 'the visitor',
    INACTIVITY: () => 'the inactivity rule',
    SYSTEM: () => 'a legacy system (JMS)',
};

/** "Closed by Anna · 12:03", or "Closed · 12:03" when nobody was recorded; '' without an end. */
export function endedText(what, ended) {
    if (!ended) return '';
    const who = ended.by ? WHO[ended.by.kind]?.(ended.by) : null;
    return `${what}${who ? ` by ${who}` : ''} · ${time(ended.at)}`;
}

/** What the header says of a conversation that ended: its archiving, its close, or nothing while it is open. */
export function endedLine(summary) {
    if (summary?.status === 'ARCHIVED') {
        return [endedText('Closed', summary.closed), endedText('Archived', summary.archived)].filter(Boolean).join(' · ');
    }
    return summary?.status === 'CLOSED' ? endedText('Closed', summary.closed) : '';
}
